//! The coupon's fonts: DejaVu Sans (regular and bold, Bitstream Vera licence,
//! `data/fonts/`), embedded in the library, parsed once, and subset per
//! coupon to the glyphs it prints.
//!
//! Subsetting is the one costly step of a render, and many coupons print the
//! same glyphs (the labels, digits, the note), so subsets are cached by their
//! exact glyph set.

use std::collections::{BTreeMap, HashMap};
use std::sync::{Arc, LazyLock, Mutex};

use pdf_writer::types::{SystemInfo, UnicodeCmap};
use pdf_writer::{Name, Str};
use sha2::{Digest, Sha256};

use crate::error::{Error, Result};

const REGULAR_TTF: &[u8] = include_bytes!("../../data/fonts/DejaVuSans.ttf");
const BOLD_TTF: &[u8] = include_bytes!("../../data/fonts/DejaVuSans-Bold.ttf");

/// Subsets kept per font; beyond this the cache starts afresh (a bound, so a
/// long-running office cannot grow it without limit).
const CACHE_LIMIT: usize = 256;
/// Characters below this (Basic Latin to Latin Extended-B) are looked up in a table.
const TABLE_END: u32 = 0x250;

/// Subsets by the glyphs (and their text) they hold.
type SubsetCache = HashMap<Vec<(u16, char)>, Arc<Subset>>;

/// DejaVu Sans, for everything entered by people.
pub(crate) static REGULAR: LazyLock<Font> = LazyLock::new(|| {
    Font::new(REGULAR_TTF, "DejaVuSans").expect("the embedded DejaVu Sans parses (tested)")
});
/// DejaVu Sans Bold, for the title block and labels.
pub(crate) static BOLD: LazyLock<Font> = LazyLock::new(|| {
    Font::new(BOLD_TTF, "DejaVuSans-Bold").expect("the embedded DejaVu Sans Bold parses (tested)")
});

/// A parsed font and its subset cache.
pub(crate) struct Font {
    data: &'static [u8],
    face: ttf_parser::Face<'static>,
    /// PostScript name, without the subset tag.
    pub name: &'static str,
    units_per_em: f32,
    /// Glyph and advance of every character below [`TABLE_END`], looked up
    /// once: nearly all text is Latin, and cmap lookups dominated layout.
    table: Vec<(u16, f32)>,
    subsets: Mutex<SubsetCache>,
}

/// One subset of a font: the glyphs of one glyph set, renumbered 1..=n in
/// ascending order of their original ids (0 stays `.notdef`).
pub(crate) struct Subset {
    /// The subset TrueType font, zlib-compressed (PDF's FlateDecode).
    pub data: Vec<u8>,
    /// Its length before compression.
    pub raw_len: usize,
    /// The ToUnicode CMap (CID → text), zlib-compressed.
    pub to_unicode: Vec<u8>,
    /// The six-letter tag PDF asks subset names to carry, from the glyph set.
    pub tag: String,
}

/// Glyphs of one font used on a page, with the text each stands for (for the
/// ToUnicode map).
#[derive(Default)]
pub(crate) struct Used {
    pub glyphs: BTreeMap<u16, char>,
}

/// Metrics a PDF font descriptor needs, in 1/1000 em.
pub(crate) struct Metrics {
    pub bbox: [f32; 4],
    pub ascent: f32,
    pub descent: f32,
    pub cap_height: f32,
    pub stem_v: f32,
}

impl Font {
    fn new(data: &'static [u8], name: &'static str) -> Option<Font> {
        let face = ttf_parser::Face::parse(data, 0).ok()?;
        let units_per_em = f32::from(face.units_per_em());
        let mut font = Font {
            data,
            face,
            name,
            units_per_em,
            table: Vec::new(),
            subsets: Mutex::new(HashMap::new()),
        };
        font.table = (0..TABLE_END)
            .map(|u| {
                let glyph = char::from_u32(u).and_then(|c| font.lookup(c)).unwrap_or(0);
                (glyph, font.glyph_advance(glyph))
            })
            .collect();
        Some(font)
    }

    /// The glyph of `c`, if the font has one (whitespace counts as a space).
    pub fn glyph(&self, c: char) -> Option<u16> {
        match self.table.get(c as usize) {
            Some(&(glyph, _)) => Some(glyph).filter(|&g| g != 0),
            None => self.lookup(c),
        }
    }

    fn lookup(&self, c: char) -> Option<u16> {
        let c = if c.is_whitespace() { ' ' } else { c };
        if c.is_control() {
            return None;
        }
        self.face.glyph_index(c).map(|g| g.0).filter(|&g| g != 0)
    }

    /// The advance of `c`, in 1/1000 em (nothing when the font lacks it).
    pub fn char_advance(&self, c: char) -> f32 {
        match self.table.get(c as usize) {
            Some(&(_, advance)) => advance,
            None => self.glyph(c).map_or(0.0, |g| self.glyph_advance(g)),
        }
    }

    /// The advance of a glyph, in 1/1000 em.
    pub fn glyph_advance(&self, glyph: u16) -> f32 {
        let units = self
            .face
            .glyph_hor_advance(ttf_parser::GlyphId(glyph))
            .unwrap_or(0);
        f32::from(units) * 1000.0 / self.units_per_em
    }

    /// The width of `text` at `size` points (characters the font lacks count as nothing).
    pub fn width(&self, text: &str, size: f32) -> f32 {
        text.chars().map(|c| self.char_advance(c)).sum::<f32>() * size / 1000.0
    }

    /// The glyphs of `text`, recording them in `used`; a character the font
    /// lacks is refused on `field`.
    pub fn glyphs(&self, field: &str, text: &str, used: &mut Used) -> Result<Vec<u16>> {
        text.chars()
            .map(|c| {
                let g = self.glyph(c).ok_or_else(|| unprintable(field, c))?;
                used.glyphs
                    .entry(g)
                    .or_insert(if c.is_whitespace() { ' ' } else { c });
                Ok(g)
            })
            .collect()
    }

    pub fn metrics(&self) -> Metrics {
        let scale = |v: i16| f32::from(v) * 1000.0 / self.units_per_em;
        let b = self.face.global_bounding_box();
        let weight = f32::from(self.face.weight().to_number());
        Metrics {
            bbox: [
                scale(b.x_min),
                scale(b.y_min),
                scale(b.x_max),
                scale(b.y_max),
            ],
            ascent: scale(self.face.ascender()),
            descent: scale(self.face.descender()),
            cap_height: scale(self.face.capital_height().unwrap_or(self.face.ascender())),
            // The usual estimate from the weight class; readers only use it as a hint.
            stem_v: 10.0 + 0.244 * (weight - 50.0),
        }
    }

    /// The subset holding exactly the glyphs in `used`, from the cache or
    /// made now. The cache key includes the text of each glyph, which the
    /// ToUnicode map carries, so equal input always gives equal bytes.
    pub fn subset(&self, used: &Used) -> Result<Arc<Subset>> {
        let key: Vec<(u16, char)> = used.glyphs.iter().map(|(&g, &c)| (g, c)).collect();
        if let Some(found) = self.cache().get(&key) {
            return Ok(found.clone());
        }
        let glyphs: Vec<u16> = used.glyphs.keys().copied().collect();
        let remapper = subsetter::GlyphRemapper::new_from_glyphs_sorted(&glyphs);
        let raw = subsetter::subset(self.data, 0, &remapper)
            .map_err(|e| Error::internal(format!("subsetting {} failed: {e:?}", self.name)))?;
        let data = miniz_oxide::deflate::compress_to_vec_zlib(&raw, 6);
        let digest = Sha256::digest(
            glyphs
                .iter()
                .flat_map(|g| g.to_be_bytes())
                .collect::<Vec<u8>>(),
        );
        let tag = digest
            .iter()
            .take(6)
            .map(|b| char::from(b'A' + b % 26))
            .collect();
        let mut cmap = UnicodeCmap::new(
            Name(b"Custom"),
            SystemInfo {
                registry: Str(b"Adobe"),
                ordering: Str(b"UCS"),
                supplement: 0,
            },
        );
        // CIDs are the glyphs' places in the sorted list, from 1 (0 is .notdef).
        for (cid, &c) in (1u16..).zip(used.glyphs.values()) {
            cmap.pair(cid, c);
        }
        let to_unicode = miniz_oxide::deflate::compress_to_vec_zlib(cmap.finish().as_slice(), 6);
        let subset = Arc::new(Subset {
            data,
            raw_len: raw.len(),
            to_unicode,
            tag,
        });
        let mut cache = self.cache();
        if cache.len() >= CACHE_LIMIT {
            cache.clear();
        }
        cache.insert(key, subset.clone());
        Ok(subset)
    }

    fn cache(&self) -> std::sync::MutexGuard<'_, SubsetCache> {
        // A panic while holding the lock cannot leave the map half-written
        // (inserts are single calls), so a poisoned cache is still sound.
        self.subsets
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

pub(crate) fn unprintable(field: &str, c: char) -> Error {
    Error::CouponUnprintable {
        field: field.to_owned(),
        character: c,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_fonts_parse_and_cover_latin_with_diacritics() {
        for font in [&*REGULAR, &*BOLD] {
            for c in "Ñuñez Ẓafira Çelik-D'Souza ĞŞİ ǅ Ø Łódź Ĳ…–".chars() {
                assert!(font.glyph(c).is_some(), "{} lacks {c}", font.name);
            }
            assert!(font.glyph('中').is_none());
            assert!(font.glyph('🦀').is_none());
            assert!(font.glyph('\u{7}').is_none());
            assert_eq!(font.glyph('\n'), font.glyph(' '));
        }
    }

    #[test]
    fn subsets_are_cached_by_glyph_set() {
        let mut used = Used::default();
        REGULAR.glyphs("t", "Batam", &mut used).expect("printable");
        let a = REGULAR.subset(&used).expect("subset");
        let b = REGULAR.subset(&used).expect("subset");
        assert!(Arc::ptr_eq(&a, &b));
        assert_eq!(a.tag.len(), 6);
        let raw = miniz_oxide::inflate::decompress_to_vec_zlib(&a.data).expect("zlib");
        assert_eq!(raw.len(), a.raw_len);
        assert!(ttf_parser::Face::parse(&raw, 0).is_ok());
    }
}
