// The ESM entry point exports what the CommonJS one does.
import test from 'node:test'
import assert from 'node:assert/strict'
import { createRequire } from 'node:module'

import * as named from 'lakse'
import lakse, { Lakse, parseNik, maskNik } from 'lakse'

const require = createRequire(import.meta.url)

test('import and require give the same binding', () => {
  const cjs = require('lakse')
  assert.equal(Lakse, cjs.Lakse)
  assert.equal(parseNik, cjs.parseNik)
  assert.deepEqual(Object.keys(lakse).sort(), Object.keys(cjs).sort())
  // index.mjs lists its named exports by hand: each of index.js's, no other.
  const names = Object.keys(named).filter((n) => n !== 'default')
  assert.deepEqual(names.sort(), Object.keys(cjs).sort())
  for (const name of names) assert.equal(named[name], cjs[name], name)
  assert.equal(maskNik('2171055209900001'), '2171xxxxxxxx0001')
})
