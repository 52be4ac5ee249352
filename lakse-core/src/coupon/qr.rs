//! The QR code of the verification code, built with the `qrcode` crate's
//! encoder and one fixed mask.
//!
//! `qrcode` tries all eight mask patterns and scores each with the ISO/IEC
//! 18004 penalty rules: about 1.4 ms for a coupon's version-9 code, twenty
//! times the rest of a render. Masks exist to break up long runs and
//! finder-like shapes in structured data; a coupon's code is two thirds
//! Ed25519 signature, which is as good as random, so the scores of the masks
//! differ little. Every mask is valid (the symbol names its mask and readers
//! undo it), and the tests decode the rendered page with a real reader.

use qrcode::canvas::{Canvas, MaskPattern};
use qrcode::{Color, EcLevel, bits, ec};

use crate::error::{Error, Result};

/// A QR code: `width` × `width` modules, row by row, `true` for dark.
pub(crate) struct Qr {
    pub width: usize,
    pub dark: Vec<bool>,
}

/// The QR code (error correction M, about 15 % of the symbol recoverable) of `text`.
pub(crate) fn encode(text: &str) -> Result<Qr> {
    let failed = |e: qrcode::types::QrError| Error::internal(format!("QR code: {e}"));
    let bits = bits::encode_auto(text.as_bytes(), EcLevel::M).map_err(failed)?;
    let version = bits.version();
    let (data, ec) =
        ec::construct_codewords(&bits.into_bytes(), version, EcLevel::M).map_err(failed)?;
    let mut canvas = Canvas::new(version, EcLevel::M);
    canvas.draw_all_functional_patterns();
    canvas.draw_data(&data, &ec);
    canvas.apply_mask(MaskPattern::Checkerboard);
    let width =
        usize::try_from(version.width()).map_err(|_| Error::internal("QR code: no width"))?;
    let dark = canvas
        .into_colors()
        .into_iter()
        .map(|c| c == Color::Dark)
        .collect();
    Ok(Qr { width, dark })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_symbol_has_the_size_qrcode_chooses() {
        let text = "LK1|BTM-2026-000001-J|2171xxxxxxxx0001|cetak_ktp_kk|2026-11-27";
        let ours = encode(text).expect("encodes");
        let theirs =
            qrcode::QrCode::with_error_correction_level(text, EcLevel::M).expect("encodes");
        assert_eq!(ours.width, theirs.width());
        assert_eq!(ours.dark.len(), ours.width * ours.width);
    }
}
