//! How records print.
//!
//! `JSON.stringify` and `util.inspect` show an object through its `toJSON`
//! and its `Symbol.for('nodejs.util.inspect.custom')` method. A record whose
//! kind has a [`Print`] rule gets both as non-enumerable properties, so it
//! stays a plain object (the same keys, equal under `deepStrictEqual`) whose
//! fields read as before, while its printed forms show:
//!
//! - for a NIK's or No KK's record, only what cannot rebuild the number: the
//!   district code, the date and a successor code would, with the serial,
//!   give back the digits the mask hides;
//! - free text (Keterangan, notes, names, file names, a mail server's reply)
//!   through `lakse_core::sensitive::mask_free_text`.
//!
//! Both methods are one function per kind, made once per JavaScript
//! environment and kept in its instance data.

use std::any::TypeId;
use std::collections::HashMap;

use heck::ToLowerCamelCase;
use lakse_core::sensitive::mask_free_text;
use napi::bindgen_prelude::*;
use napi::{Property, PropertyAttributes};

use crate::error;

/// How a record kind prints; keys are the JavaScript (camelCase) ones.
pub trait Print: 'static {
    /// The only keys shown, in this order; every key when `None`.
    fn shown() -> Option<&'static [String]> {
        None
    }
    /// The keys holding free text, shown masked.
    const FREE_TEXT: &'static [&'static str] = &[];
}

/// A record as JavaScript receives it: a plain object that prints as its
/// kind's [`Print`] rule says.
pub struct Printed<T>(T);

impl<T> Printed<T> {
    /// The binding's record for the core's `record`.
    pub fn of<C>(record: C) -> Self
    where
        T: From<C>,
    {
        Printed(T::from(record))
    }
}

impl<T: TypeName> TypeName for Printed<T> {
    fn type_name() -> &'static str {
        T::type_name()
    }

    fn value_type() -> ValueType {
        T::value_type()
    }
}

impl<T: Print + ToNapiValue> ToNapiValue for Printed<T> {
    unsafe fn to_napi_value(env: sys::napi_env, val: Self) -> Result<sys::napi_value> {
        let env = Env::from_raw(env);
        // A Promise's result is converted where napi-rs catches no panic.
        error::guard(&env, || Ok(attach(&env, val.0))).and_then(|r| r)
    }
}

/// The core's field names (`province_code`) as JavaScript keys (`provinceCode`).
pub fn camel_case(fields: &[&str]) -> Vec<String> {
    fields
        .iter()
        .map(|field| field.to_lower_camel_case())
        .collect()
}

/// `record` as a JavaScript object, with its kind's printing function as
/// `toJSON` and as its `util.inspect` form.
fn attach<T: Print + ToNapiValue>(env: &Env, record: T) -> Result<sys::napi_value> {
    // SAFETY: `env` is the environment of the thread converting the record.
    let value = unsafe { T::to_napi_value(env.raw(), record) }?;
    let print = printer::<T>(env)?;
    let hidden = PropertyAttributes::Writable | PropertyAttributes::Configurable;
    Object::from_raw(env.raw(), value).define_properties(&[
        Property::new()
            .with_utf8_name("toJSON")?
            .with_value(&print)
            .with_property_attributes(hidden),
        Property::new()
            .with_name(env, env.symbol_for("nodejs.util.inspect.custom")?)?
            .with_value(&print)
            .with_property_attributes(hidden),
    ])?;
    Ok(value)
}

/// One environment's printing functions, by record kind.
#[derive(Default)]
struct Printers(HashMap<TypeId, FunctionRef<(), sys::napi_value>>);

/// `T`'s printing function in `env`, made on first use.
fn printer<T: Print>(env: &Env) -> Result<Function<'_, (), sys::napi_value>> {
    if env.get_instance_data::<Printers>()?.is_none() {
        env.set_instance_data(Printers::default(), (), |_| {})?;
    }
    let printers = env
        .get_instance_data::<Printers>()?
        .ok_or_else(|| Error::from_reason("the printers were not kept"))?;
    if let Some(print) = printers.0.get(&TypeId::of::<T>()) {
        return print.borrow_back(env);
    }
    let print = env.create_function_from_closure("print", print::<T>)?;
    printers.0.insert(TypeId::of::<T>(), print.create_ref()?);
    Ok(print)
}

/// `toJSON()` and `[util.inspect.custom]()` of a `T` record: the object
/// shown in its place (arguments are not needed).
fn print<T: Print>(ctx: FunctionCallContext) -> Result<sys::napi_value> {
    let env = *ctx.env;
    let record: Object = ctx.this()?;
    error::guard(&env, || Ok(shown::<T>(&env, &record))).and_then(|r| r)
}

fn shown<T: Print>(env: &Env, record: &Object) -> Result<sys::napi_value> {
    let keys = match T::shown() {
        Some(keys) => keys.to_vec(),
        None => Vec::<String>::from_unknown(record.get_property_names()?.to_unknown())?,
    };
    let mut shown = Object::new(env)?;
    for key in keys {
        let value: Unknown = record.get_named_property(&key)?;
        if T::FREE_TEXT.contains(&key.as_str()) && value.get_type()? == ValueType::String {
            shown.set_named_property(&key, mask_free_text(&String::from_unknown(value)?))?;
        } else {
            shown.set_named_property(&key, value)?;
        }
    }
    Ok(shown.raw())
}
