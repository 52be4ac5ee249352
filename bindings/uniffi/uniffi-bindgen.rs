//! The workspace's `uniffi-bindgen`, pinned to the `uniffi` version the
//! library is built with (the generator and the scaffolding must match).

fn main() {
    uniffi::uniffi_bindgen_main()
}
