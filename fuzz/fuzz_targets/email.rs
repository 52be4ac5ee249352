#![no_main]

use lakse_core::{Error, email};
use libfuzzer_sys::fuzz_target;

// Arbitrary text as an e-mail address. Checks, besides no panic:
// - an accepted address is trimmed and stable: parsing what it displays
//   (`as_str`), its key, or its ASCII upper-case form gives the same address
//   and key (so one mailbox is one account);
// - the key is ASCII and lower-case;
// - `masked` keeps the domain and at most the first and last character of
//   the local part, and `Debug` shows only the masked form;
// - a refusal is `email.invalid` or `input.required` on the field `email`
//   and carries nothing from the input.
fuzz_target!(|text: &str| {
    match email::parse(text) {
        Ok(address) => {
            let shown = address.as_str();
            let key = address.key();
            assert!(!shown.is_empty());
            assert_eq!(shown, shown.trim());
            assert!(key.is_ascii(), "{key:?}");
            assert_eq!(key, key.to_ascii_lowercase());

            let again = email::parse(shown).expect("an accepted address parses again");
            assert_eq!(again.as_str(), shown);
            assert_eq!(again.key(), key);
            let by_key = email::parse(key).expect("a key parses as an address");
            assert_eq!(by_key.key(), key, "the key is not a fixed point");
            let upper = email::parse(&shown.to_ascii_uppercase())
                .expect("the upper-case form of an accepted address parses");
            assert_eq!(upper, address, "upper case makes another account");

            let (local, domain) = shown.rsplit_once('@').expect("an address has an '@'");
            let masked = address.masked();
            let chars: Vec<char> = local.chars().collect();
            let expected_local = match chars.as_slice() {
                [] | [_] => "***".to_owned(),
                [first, _] => format!("{first}***"),
                [first, .., last] => format!("{first}***{last}"),
            };
            assert_eq!(masked, format!("{expected_local}@{domain}"));
            assert_eq!(format!("{address:?}"), format!("Email({masked:?})"));
        }
        Err(e) => {
            assert!(Error::CODES.contains(&e.code()), "{}", e.code());
            assert_eq!(e.field(), Some("email"));
            let blank = Error::required("email");
            let invalid = Error::Email {
                field: "email".to_owned(),
            };
            assert!(e == blank || e == invalid, "{e:?}");
        }
    }
});
