//! The coupon page: an A4 slip laid out like the manual's — title block,
//! labelled lines, the note, the QR code with its text code, the signature
//! block — written with pdf-writer.
//!
//! Layout first (text wrapped with the font's metrics into positioned runs),
//! then one PDF: every object id is fixed and nothing depends on the time,
//! so the same slip always gives the same bytes.

use std::io::Write as _;

use pdf_writer::types::{CidFontType, FontFlags, SystemInfo};
use pdf_writer::{Filter, Finish, Name, Pdf, Rect, Ref, Str, TextStr};

use super::Slip;
use super::font::{BOLD, Font, REGULAR, Used};
use super::qr::{self, Qr};
use crate::error::Result;
use crate::texts::coupon as t;

const PAGE_W: f32 = 595.28;
const PAGE_H: f32 = 841.89;
/// Left and right edges of the text.
const LEFT: f32 = 62.0;
const RIGHT: f32 = PAGE_W - 62.0;
/// The frame around the slip sits this far outside the text.
const FRAME_PAD: f32 = 18.0;
const TOP: f32 = 800.0;
/// Where the colon and the value of a labelled line start.
const COLON_X: f32 = LEFT + 122.0;
const VALUE_X: f32 = COLON_X + 8.0;
const FIELD_SIZE: f32 = 10.5;
const FIELD_LEAD: f32 = 15.0;
/// One QR module, in points (about 0.56 mm: scans well from paper).
const QR_MODULE: f32 = 1.6;

const REGULAR_NAME: Name<'static> = Name(b"F1");
const BOLD_NAME: Name<'static> = Name(b"F2");

#[derive(Clone, Copy, PartialEq, Eq)]
enum Face {
    Regular,
    Bold,
}

impl Face {
    fn font(self) -> &'static Font {
        match self {
            Face::Regular => &REGULAR,
            Face::Bold => &BOLD,
        }
    }
}

/// One line of text, placed.
struct Run {
    face: Face,
    size: f32,
    x: f32,
    y: f32,
    gray: f32,
    glyphs: Vec<u16>,
}

/// The page before it is written.
#[derive(Default)]
struct Layout {
    runs: Vec<Run>,
    /// Horizontal rules: y, from x, to x, line width.
    rules: Vec<(f32, f32, f32, f32)>,
    regular: Used,
    bold: Used,
}

impl Layout {
    #[allow(clippy::too_many_arguments)]
    fn text(
        &mut self,
        field: &str,
        face: Face,
        size: f32,
        x: f32,
        y: f32,
        gray: f32,
        text: &str,
    ) -> Result<()> {
        let used = match face {
            Face::Regular => &mut self.regular,
            Face::Bold => &mut self.bold,
        };
        let glyphs = face.font().glyphs(field, text, used)?;
        self.runs.push(Run {
            face,
            size,
            x,
            y,
            gray,
            glyphs,
        });
        Ok(())
    }

    fn centered(&mut self, field: &str, face: Face, size: f32, y: f32, text: &str) -> Result<f32> {
        let width = face.font().width(text, size);
        let x = (PAGE_W - width) / 2.0;
        self.text(field, face, size, x, y, 0.0, text)?;
        Ok(width)
    }

    /// A labelled line ("Nama Pemohon : …"), wrapped under its value column;
    /// returns the y of the next line.
    fn field(
        &mut self,
        field: &str,
        label: &str,
        value: &str,
        max_lines: usize,
        y: f32,
    ) -> Result<f32> {
        self.text(field, Face::Regular, FIELD_SIZE, LEFT, y, 0.0, label)?;
        self.text(field, Face::Regular, FIELD_SIZE, COLON_X, y, 0.0, ":")?;
        let lines = wrap(&REGULAR, value, FIELD_SIZE, RIGHT - VALUE_X, max_lines);
        let mut y = y;
        for line in &lines {
            self.text(field, Face::Regular, FIELD_SIZE, VALUE_X, y, 0.0, line)?;
            y -= FIELD_LEAD;
        }
        if lines.is_empty() {
            y -= FIELD_LEAD;
        }
        Ok(y - 4.0)
    }
}

/// The coupon PDF for `slip`, with `nik_masked` and the signed `code`.
pub(crate) fn write(slip: &Slip, nik_masked: &str, code: &str) -> Result<Vec<u8>> {
    let mut page = Layout::default();

    // Title block, as on the manual's coupon.
    let mut y = TOP - 30.0;
    for (field, line) in [
        ("office.name", &slip.office.name),
        ("office.city", &slip.office.city),
    ] {
        for part in wrap(&BOLD, line, 14.0, RIGHT - LEFT, 2) {
            page.centered(field, Face::Bold, 14.0, y, &part)?;
            y -= 18.0;
        }
    }
    let frame_l = LEFT - FRAME_PAD;
    let frame_r = RIGHT + FRAME_PAD;
    page.rules.push((y + 4.0, frame_l, frame_r, 1.6));
    page.rules.push((y + 1.0, frame_l, frame_r, 0.5));
    y -= 24.0;
    let width = page.centered("title", Face::Bold, 13.0, y, t::TITLE)?;
    page.rules
        .push((y - 3.5, (PAGE_W - width) / 2.0, (PAGE_W + width) / 2.0, 0.8));
    y -= 34.0;

    // The labelled lines.
    let date = crate::texts::date(slip.pickup_date);
    y = page.field("number", t::NOMOR, &slip.number, 1, y)?;
    y = page.field("nama", t::NAMA, &slip.nama, 3, y)?;
    y = page.field("nik", t::NIK, nik_masked, 1, y)?;
    y = page.field("service", t::LAYANAN, &slip.service_name, 3, y)?;
    y = page.field("pickup_date", t::TANGGAL, &date, 1, y)?;
    y = page.field("pickup_place", t::TEMPAT, &slip.pickup_place, 4, y)?;
    y = page.field("note", t::KETERANGAN, &slip.note, 6, y)?;

    // The note every coupon carries.
    y -= 10.0;
    page.text("title", Face::Bold, 10.0, LEFT, y, 0.0, t::NOTE_LABEL)?;
    y -= 14.0;
    for line in wrap(&REGULAR, t::NOTE, 10.0, RIGHT - LEFT, 3) {
        page.text("title", Face::Regular, 10.0, LEFT, y, 0.0, &line)?;
        y -= 14.0;
    }

    // QR code on the left, signature block on the right.
    let qr = qr::encode(code)?;
    let qr_size = qr.width as f32 * QR_MODULE;
    let block_top = y - 16.0;
    let sign_x = RIGHT - 75.0;
    page.centered_at(
        "title",
        Face::Regular,
        10.5,
        sign_x,
        block_top - 10.0,
        t::TTD,
    )?;
    page.centered_at(
        "title",
        Face::Regular,
        10.5,
        sign_x,
        block_top - qr_size + 16.0,
        t::ADMIN,
    )?;
    page.centered_at(
        "title",
        Face::Bold,
        10.5,
        sign_x,
        block_top - qr_size + 2.0,
        t::SIGNER,
    )?;

    // The code as text under the QR code, wrapped across the slip.
    y = block_top - qr_size - 18.0;
    page.text("title", Face::Bold, 8.0, LEFT, y, 0.0, t::CODE_LABEL)?;
    y -= 11.0;
    for line in wrap_anywhere(&REGULAR, code, 7.5, RIGHT - LEFT) {
        page.text("code", Face::Regular, 7.5, LEFT, y, 0.0, &line)?;
        y -= 10.0;
    }
    y -= 3.0;
    for line in wrap(&REGULAR, t::CODE_HINT, 7.5, RIGHT - LEFT, 2) {
        page.text("title", Face::Regular, 7.5, LEFT, y, 0.35, &line)?;
        y -= 10.0;
    }
    let frame = Rect::new(frame_l, y - 8.0, frame_r, TOP);

    finish(slip, &page, &qr, (LEFT, block_top), frame)
}

impl Layout {
    fn centered_at(
        &mut self,
        field: &str,
        face: Face,
        size: f32,
        cx: f32,
        y: f32,
        text: &str,
    ) -> Result<()> {
        let width = face.font().width(text, size);
        self.text(field, face, size, cx - width / 2.0, y, 0.0, text)
    }
}

/// Writes the laid-out page as a PDF.
fn finish(slip: &Slip, page: &Layout, qr: &Qr, qr_at: (f32, f32), frame: Rect) -> Result<Vec<u8>> {
    let regular = FontUse::new(&REGULAR, &page.regular)?;
    let bold = FontUse::new(&BOLD, &page.bold)?;
    // Written by hand rather than with pdf-writer's `Content`: glyph ids go
    // out as hex strings (half the size of escaped literals) and the QR
    // modules as whole numbers, so the fastest compression level suffices.
    let content = miniz_oxide::deflate::compress_to_vec_zlib(
        &content(page, &regular, &bold, qr, qr_at, frame),
        1,
    );

    let catalog_id = Ref::new(1);
    let pages_id = Ref::new(2);
    let page_id = Ref::new(3);
    let content_id = Ref::new(4);
    let info_id = Ref::new(5);
    let regular_ids = FontIds::starting_at(6);
    let bold_ids = FontIds::starting_at(11);

    let mut pdf = Pdf::new();
    pdf.catalog(catalog_id)
        .pages(pages_id)
        .lang(TextStr("id-ID"));
    pdf.pages(pages_id).kids([page_id]).count(1);
    let mut p = pdf.page(page_id);
    p.media_box(Rect::new(0.0, 0.0, PAGE_W, PAGE_H));
    p.parent(pages_id);
    p.contents(content_id);
    let mut resources = p.resources();
    let mut fonts = resources.fonts();
    fonts.pair(REGULAR_NAME, regular_ids.type0);
    fonts.pair(BOLD_NAME, bold_ids.type0);
    fonts.finish();
    resources.finish();
    p.finish();
    pdf.stream(content_id, &content).filter(Filter::FlateDecode);
    let title = format!("{} {}", t::DOCUMENT_TITLE, slip.number);
    pdf.document_info(info_id)
        .title(TextStr(&title))
        .producer(TextStr("lakse"));
    regular.write(&mut pdf, regular_ids);
    bold.write(&mut pdf, bold_ids);
    Ok(pdf.finish())
}

/// The page's content stream, uncompressed.
fn content(
    page: &Layout,
    regular: &FontUse,
    bold: &FontUse,
    qr: &Qr,
    (left, top): (f32, f32),
    frame: Rect,
) -> Vec<u8> {
    let mut out = Vec::with_capacity(16 * 1024);
    // Writing to a Vec cannot fail.
    let _ = writeln!(
        out,
        "0.9 w {} {} {} {} re S",
        num(frame.x1),
        num(frame.y1),
        num(frame.x2 - frame.x1),
        num(frame.y2 - frame.y1)
    );
    for &(y, x1, x2, w) in &page.rules {
        let _ = writeln!(
            out,
            "{} w {} {} m {} {} l S",
            num(w),
            num(x1),
            num(y),
            num(x2),
            num(y)
        );
    }
    let mut gray = 0.0;
    for run in &page.runs {
        let (name, font) = match run.face {
            Face::Regular => ("F1", regular),
            Face::Bold => ("F2", bold),
        };
        if run.gray != gray {
            gray = run.gray;
            let _ = writeln!(out, "{} g", num(gray));
        }
        let _ = write!(
            out,
            "BT /{name} {} Tf {} {} Td <",
            num(run.size),
            num(run.x),
            num(run.y)
        );
        for &g in &run.glyphs {
            out.extend_from_slice(&hex4(font.cid(g)));
        }
        out.extend_from_slice(b"> Tj ET\n");
    }
    // The QR code in module units, its origin at the bottom left, each
    // horizontal run of dark modules one rectangle, all filled as one path
    // (so no seams show between neighbours).
    let n = qr.width;
    let _ = writeln!(
        out,
        "0 g q {m} 0 0 {m} {} {} cm",
        num(left),
        num(top - n as f32 * QR_MODULE),
        m = num(QR_MODULE)
    );
    for (row, line) in qr.dark.chunks(n).enumerate() {
        let y = n - 1 - row;
        let mut col = 0;
        while col < n {
            if line[col] {
                let start = col;
                while col < n && line[col] {
                    col += 1;
                }
                push_int(&mut out, start);
                out.push(b' ');
                push_int(&mut out, y);
                out.push(b' ');
                push_int(&mut out, col - start);
                out.extend_from_slice(b" 1 re\n");
            } else {
                col += 1;
            }
        }
    }
    out.extend_from_slice(b"f Q\n");
    out
}

/// Four upper-case hex digits.
fn hex4(v: u16) -> [u8; 4] {
    const DIGITS: &[u8; 16] = b"0123456789ABCDEF";
    [12, 8, 4, 0].map(|shift| DIGITS[usize::from((v >> shift) & 0xF)])
}

/// A small whole number in decimal (the QR code's thousand rectangles made
/// `fmt` a visible cost).
fn push_int(out: &mut Vec<u8>, v: usize) {
    if v >= 10 {
        push_int(out, v / 10);
    }
    out.push(b'0' + (v % 10) as u8);
}

/// A number for the content stream, to a hundredth of a point.
fn num(v: f32) -> f32 {
    (v * 100.0).round() / 100.0
}

/// The object ids of one embedded font.
#[derive(Clone, Copy)]
struct FontIds {
    type0: Ref,
    cid: Ref,
    descriptor: Ref,
    file: Ref,
    to_unicode: Ref,
}

impl FontIds {
    fn starting_at(first: i32) -> FontIds {
        FontIds {
            type0: Ref::new(first),
            cid: Ref::new(first + 1),
            descriptor: Ref::new(first + 2),
            file: Ref::new(first + 3),
            to_unicode: Ref::new(first + 4),
        }
    }
}

/// A font as one page uses it: the glyphs (sorted original ids; their CID
/// is their place in this list, from 1) and the subset holding them.
struct FontUse {
    font: &'static Font,
    glyphs: Vec<u16>,
    subset: std::sync::Arc<super::font::Subset>,
}

impl FontUse {
    fn new(font: &'static Font, used: &Used) -> Result<FontUse> {
        let subset = font.subset(used)?;
        Ok(FontUse {
            font,
            glyphs: used.glyphs.keys().copied().collect(),
            subset,
        })
    }

    /// The CID (= glyph id in the subset) of an original glyph id.
    fn cid(&self, glyph: u16) -> u16 {
        // Every glyph of a run was recorded in `used`, so the search finds it;
        // were it ever to miss, .notdef (0) is the safe answer.
        self.glyphs
            .binary_search(&glyph)
            .map_or(0, |i| u16::try_from(i + 1).unwrap_or(0))
    }

    fn write(&self, pdf: &mut Pdf, ids: FontIds) {
        let base = format!("{}+{}", self.subset.tag, self.font.name);
        let base = Name(base.as_bytes());
        let system_info = SystemInfo {
            registry: Str(b"Adobe"),
            ordering: Str(b"Identity"),
            supplement: 0,
        };
        pdf.type0_font(ids.type0)
            .base_font(base)
            .encoding_predefined(Name(b"Identity-H"))
            .descendant_font(ids.cid)
            .to_unicode(ids.to_unicode);

        let mut cid = pdf.cid_font(ids.cid);
        cid.subtype(CidFontType::Type2)
            .base_font(base)
            .system_info(system_info)
            .font_descriptor(ids.descriptor)
            .default_width(self.font.glyph_advance(0))
            .cid_to_gid_map_predefined(Name(b"Identity"));
        cid.widths()
            .consecutive(1, self.glyphs.iter().map(|&g| self.font.glyph_advance(g)));
        cid.finish();

        let m = self.font.metrics();
        pdf.font_descriptor(ids.descriptor)
            .name(base)
            .flags(FontFlags::SYMBOLIC)
            .bbox(Rect::new(m.bbox[0], m.bbox[1], m.bbox[2], m.bbox[3]))
            .italic_angle(0.0)
            .ascent(m.ascent)
            .descent(m.descent)
            .cap_height(m.cap_height)
            .stem_v(m.stem_v)
            .font_file2(ids.file);
        pdf.stream(ids.file, &self.subset.data)
            .filter(Filter::FlateDecode)
            .pair(
                Name(b"Length1"),
                i32::try_from(self.subset.raw_len).unwrap_or(i32::MAX),
            );

        pdf.stream(ids.to_unicode, &self.subset.to_unicode)
            .filter(Filter::FlateDecode);
    }
}

/// `text` (whitespace collapsed) in lines of at most `max_width` points,
/// broken between words (inside a word only when it alone is too wide); at
/// most `max_lines`, the last ending in "…" when text was left out.
fn wrap(font: &Font, text: &str, size: f32, max_width: f32, max_lines: usize) -> Vec<String> {
    let space = font.width(" ", size);
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    let mut line_width = 0.0;
    for word in text.split_whitespace() {
        let width = font.width(word, size);
        if !line.is_empty() && line_width + space + width <= max_width {
            line.push(' ');
            line.push_str(word);
            line_width += space + width;
            continue;
        }
        if !line.is_empty() {
            lines.push(std::mem::take(&mut line));
        }
        if width <= max_width {
            line = word.to_owned();
            line_width = width;
        } else {
            let mut pieces = wrap_anywhere(font, word, size, max_width);
            line = pieces.pop().unwrap_or_default();
            line_width = font.width(&line, size);
            lines.extend(pieces);
        }
    }
    if !line.is_empty() {
        lines.push(line);
    }
    if lines.len() > max_lines {
        lines.truncate(max_lines);
        if let Some(last) = lines.last_mut() {
            while !last.is_empty()
                && font.width(last, size) + space + font.width("…", size) > max_width
            {
                last.pop();
            }
            last.push_str(" …");
        }
    }
    lines
}

/// `text` cut into lines of at most `max_width` points at any character.
fn wrap_anywhere(font: &Font, text: &str, size: f32, max_width: f32) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    let mut width = 0.0;
    for c in text.chars() {
        let w = font.char_advance(c) * size / 1000.0;
        if width + w > max_width && !line.is_empty() {
            // A line ending in '-' reads as a hyphenated word, and text
            // extraction (pdftotext) drops such a hyphen: carry it over.
            let mut carried = String::new();
            while line.len() > 1 && line.ends_with('-') {
                line.pop();
                carried.push('-');
            }
            lines.push(std::mem::replace(&mut line, carried));
            width = font.char_advance('-') * size / 1000.0 * line.len() as f32;
        }
        line.push(c);
        width += w;
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_wrapped_line_ends_in_a_hyphen() {
        let code = "ab-cd--ef-".repeat(40);
        let lines = wrap_anywhere(&REGULAR, &code, 7.5, 60.0);
        assert!(lines.len() > 5);
        assert_eq!(lines.concat(), code, "nothing lost or added");
        for line in &lines[..lines.len() - 1] {
            assert!(!line.ends_with('-'), "{line:?}");
        }
    }

    #[test]
    fn wrapping_keeps_words_and_marks_cut_text() {
        let lines = wrap(&REGULAR, "satu dua tiga empat lima", 10.0, 60.0, 10);
        assert!(lines.len() > 1);
        assert_eq!(lines.join(" "), "satu dua tiga empat lima");
        let cut = wrap(&REGULAR, &"kata ".repeat(500), 10.0, 200.0, 2);
        assert_eq!(cut.len(), 2);
        assert!(cut[1].ends_with('…'));
        assert!(cut.iter().all(|l| REGULAR.width(l, 10.0) <= 200.0));
        let long = wrap(&REGULAR, &"x".repeat(300), 10.0, 100.0, 50);
        assert!(long.len() > 1 && long.iter().all(|l| REGULAR.width(l, 10.0) <= 100.0));
        assert!(wrap(&REGULAR, "  ", 10.0, 100.0, 3).is_empty());
    }

    #[test]
    fn numbers_are_written_plainly() {
        assert_eq!(&hex4(0x01AF), b"01AF");
        let mut out = Vec::new();
        push_int(&mut out, 0);
        out.push(b' ');
        push_int(&mut out, 1207);
        assert_eq!(out, b"0 1207");
        assert_eq!(num(123.456_78), 123.46);
    }
}
