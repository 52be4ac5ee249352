//! The service catalog (being written).

/// Where a redirected service sends applicants instead (Akte Kelahiran → IKD).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Redirect {
    /// The message shown, e.g. "Layanan Akte Kelahiran dialihkan ke Aplikasi Identitas Kependudukan Digital".
    pub message: String,
    /// The app's name.
    pub app: String,
    /// Where to activate it.
    pub locations: Vec<String>,
}
