// The ESM entry point: the same native binding as index.js (CommonJS).
import { createRequire } from 'node:module'

const require = createRequire(import.meta.url)
const binding = require('./index.js')

export const {
  Lakse,
  IdNumber,
  Secret,
  EmailAddress,
  TextMap,
  parseNik,
  parseNiks,
  parseKk,
  normalizePhone,
  maskNik,
  maskKk,
  maskPhone,
  parseEmail,
  nextStatus,
  initialStatus,
  allowedActions,
  statusLabel,
  verifyCoupon,
} = binding
export default binding
