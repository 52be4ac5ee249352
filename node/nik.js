'use strict'
// parseNik and parseNiks, whose records are built here rather than in Rust.
//
// Setting a 14-property object's fields one by one through N-API costs about
// twenty times the parse itself, so the native side answers each NIK with one
// number (`__nikVerdict` in src/pure.rs): minus the error number for a refused
// NIK, otherwise the birth date, sex, serial and district code packed below
// 2^53. The region fields depend on the district code alone and come from
// the core once per code; the digits (`nik`, `masked`) are asked for when
// read. Every rule stays in lakse-core: this file only unpacks numbers.

const { inspect } = require('node:util')

const DAY_MS = 86_400_000
const EPOCH_1900 = Date.UTC(1900, 0, 1)

/** Region fields by district code (a pure function of the code: the table is static). */
function placeCache(binding) {
  const places = new Map()
  return (district) => {
    let place = places.get(district)
    if (place === undefined) {
      place = JSON.parse(binding.__place(district))
      places.set(district, place)
    }
    return place
  }
}

function makeNik(binding) {
  const placeOf = placeCache(binding)
  const catalogue = new Map(JSON.parse(binding.__errors()).errors.map((e) => [e.number, e]))
  // What a record's printed forms show: the core's NikRecord::PRINTED, as the
  // native NikRecord prints (the district code, the birth date and a
  // successor code would, with the serial, rebuild the digits the mask hides).
  const printed = binding.__nikPrinted()

  /** A parsed NIK: the `NikRecord` of index.d.ts. */
  class NikRecord {
    #text
    #nik = null

    constructor(text, packed) {
      this.#text = text
      const district = packed % 1_000_000
      let rest = (packed - district) / 1_000_000
      const serial = rest % 10_000
      rest = (rest - serial) / 10_000
      const female = rest % 2
      const place = placeOf(district)
      this.birthDate = new Date(EPOCH_1900 + ((rest - female) / 2) * DAY_MS)
      this.sex = female ? 'female' : 'male'
      this.serial = serial
      this.provinceCode = place.provinceCode
      this.provinceName = place.provinceName
      this.regencyCode = place.regencyCode
      this.regencyName = place.regencyName
      this.districtCode = place.districtCode
      this.districtName = place.districtName
      this.retired = place.retired
      this.successorCode = place.successorCode
      this.successorName = place.successorName
    }

    /** The 16 digits (masked when printed; `nik.expose()` gives them). */
    get nik() {
      if (this.#nik === null) this.#nik = binding.__nikNumber(this.#text)
      return this.#nik
    }

    /** The display form, `2171xxxxxxxx0001`. */
    get masked() {
      return this.nik.masked
    }

    toJSON() {
      return Object.fromEntries(printed.map((key) => [key, this[key]]))
    }

    [inspect.custom](depth, options, show) {
      return `NikRecord ${show(this.toJSON(), options)}`
    }
  }

  /** Why one item of `parseNiks` was refused: the `ErrorInfo` of index.d.ts. */
  class NikError {
    #text
    #today
    #messageId
    #detail = null

    constructor(text, today, entry) {
      this.#text = text
      this.#today = today
      this.code = entry.code
      this.number = entry.number
      this.family = entry.family
      this.retryable = entry.retryable
      this.#messageId = entry.message_id
    }

    /** [field, message], asked for when first read (`today` is fixed, so the answer is the verdict's). */
    #info() {
      if (this.#detail === null) this.#detail = binding.__nikRefusal(this.#text, this.#today)
      return this.#detail
    }

    /** The field concerned. */
    get field() {
      return this.#info()[0]
    }

    /** The developer's message, in English. */
    get message() {
      return this.#info()[1]
    }

    /** The applicant's or officer's message, in Indonesian. */
    get messageId() {
      return this.#messageId
    }

    toJSON() {
      return { ...this, field: this.field, message: this.message, messageId: this.messageId }
    }

    [inspect.custom](depth, options, show) {
      return `ErrorInfo ${show(this.toJSON(), options)}`
    }
  }

  /**
   * The error src/error.rs makes for a refused NIK, made here: through N-API
   * it costs three times as much.
   */
  function refusal(text, today, number) {
    const detail = binding.__nikRefusal(text, today)
    if (detail === null) return null
    const entry = catalogue.get(number)
    const error = new Error(detail[1])
    error.code = entry.code
    error.number = entry.number
    error.family = entry.family
    error.field = detail[0]
    error.retryable = entry.retryable
    error.messageId = entry.message_id
    return error
  }

  /** Parses and checks a NIK (strict: the region must be known); `today` defaults to today in WIB. */
  function parseNik(text, today) {
    const packed = binding.__nikVerdict(text, today)
    if (packed >= 0) return new NikRecord(text, packed)
    const error = packed < 0 ? refusal(text, today, -packed) : null
    if (error !== null) throw error
    // A birth date outside what one number holds, or a NIK that became
    // valid at midnight between the two calls: the core's own record.
    return binding.parseNik(text, today)
  }

  /** Parses many NIKs: one record or error per item, never failing for a bad item. */
  function parseNiks(texts, today) {
    // Fixed once, so that a refusal's message, read later, is as of the same day.
    const day = today ?? binding.__today()
    const verdicts =
      (Array.isArray(texts) &&
        texts.length > 0 &&
        texts.every((t) => typeof t === 'string') &&
        binding.__nikVerdictsJoined(texts.join('\n'), texts.length, day)) ||
      binding.__nikVerdicts(texts, day)
    const outcomes = new Array(verdicts.length)
    for (let i = 0; i < verdicts.length; i++) {
      const packed = verdicts[i]
      if (packed >= 0) outcomes[i] = { ok: new NikRecord(texts[i], packed), error: null }
      else if (packed < 0) outcomes[i] = { ok: null, error: new NikError(texts[i], day, catalogue.get(-packed)) }
      else outcomes[i] = binding.parseNiks([texts[i]], day)[0]
    }
    return outcomes
  }

  return { parseNik, parseNiks }
}

module.exports = { makeNik }
