"""The pickup coupon drawn with Python's reportlab, for comparison with
lakse's `coupon/render` bench: same A4 layout, texts and wrapping, DejaVu Sans
embedded as a subset (reportlab subsets TrueType fonts itself), and the same
verification code as a vector QR code (reportlab's QrCodeWidget). It does not
sign the code (lakse's figure includes the Ed25519 signature).

Usage: coupon_reportlab.py FONT_DIR CODE [ITERATIONS] -> prints ns per coupon
and the PDF's size.
"""

import io
import sys
import time

from reportlab.graphics import renderPDF
from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.graphics.shapes import Drawing
from reportlab.lib.pagesizes import A4
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

LEFT, RIGHT, TOP = 62.0, A4[0] - 62.0, 800.0
COLON_X = LEFT + 122.0
VALUE_X = COLON_X + 8.0

FIELDS = [
    ("Nomor Permohonan", "BTM-2026-000001-J"),
    ("Nama Pemohon", "Ñuñez Ẓafira Çelik-D'Souza"),
    ("NIK Pemohon", "2171xxxxxxxx0001"),
    ("Jenis Layanan", "Cetak KTP/KK (RUSAK DAN HILANG) – KTP Rusak"),
    ("Tanggal Pengambilan", "27 Nov 2026"),
    ("Tempat Pengambilan", "Komp. Perkantoran Sekupang, JL. Ir. Sutami, Sungai Harapan, Kec. Sekupang, Kota Batam."),
    ("Keterangan", "sesuai jadwal pengambilan"),
]
NOTE = ("Pemohon diharuskan membawa semua dokumen yang diupload ke aplikasi dalam bentuk "
        "fotocopy dan dokumen asli")
HINT = ("Keaslian bukti ini dapat diperiksa tanpa login dengan memindai kode QR atau memasukkan "
        "kode verifikasi, menggunakan kunci publik Disdukcapil.")


def centered(c, font, size, y, text):
    c.setFont(font, size)
    c.drawCentredString(A4[0] / 2, y, text)


def render(code):
    out = io.BytesIO()
    c = canvas.Canvas(out, pagesize=A4, invariant=1)
    y = TOP - 30
    for line in ("DINAS KEPENDUDUKAN DAN CATATAN SIPIL", "KOTA BATAM"):
        centered(c, "DejaVuSans-Bold", 14, y, line)
        y -= 18
    c.setLineWidth(1.6)
    c.line(LEFT - 18, y + 4, RIGHT + 18, y + 4)
    c.setLineWidth(0.5)
    c.line(LEFT - 18, y + 1, RIGHT + 18, y + 1)
    y -= 24
    centered(c, "DejaVuSans-Bold", 13, y, "BUKTI PENGAMBILAN DOKUMEN")
    y -= 34
    for label, value in FIELDS:
        c.setFont("DejaVuSans", 10.5)
        c.drawString(LEFT, y, label)
        c.drawString(COLON_X, y, ":")
        for line in simpleSplit(value, "DejaVuSans", 10.5, RIGHT - VALUE_X):
            c.drawString(VALUE_X, y, line)
            y -= 15
        y -= 4
    y -= 10
    c.setFont("DejaVuSans-Bold", 10)
    c.drawString(LEFT, y, "Note:")
    y -= 14
    c.setFont("DejaVuSans", 10)
    for line in simpleSplit(NOTE, "DejaVuSans", 10, RIGHT - LEFT):
        c.drawString(LEFT, y, line)
        y -= 14
    qr = QrCodeWidget(code, barLevel="M", barBorder=0)
    x1, y1, x2, y2 = qr.getBounds()
    size = 53 * 1.6
    d = Drawing(size, size, transform=[size / (x2 - x1), 0, 0, size / (y2 - y1), 0, 0])
    d.add(qr)
    top = y - 16
    renderPDF.draw(d, c, LEFT, top - size)
    c.setFont("DejaVuSans", 10.5)
    c.drawCentredString(RIGHT - 75, top - 10, "TTD")
    c.drawCentredString(RIGHT - 75, top - size + 16, "Admin")
    c.setFont("DejaVuSans-Bold", 10.5)
    c.drawCentredString(RIGHT - 75, top - size + 2, "DISDUKCAPIL")
    y = top - size - 18
    c.setFont("DejaVuSans-Bold", 8)
    c.drawString(LEFT, y, "Kode verifikasi:")
    y -= 11
    c.setFont("DejaVuSans", 7.5)
    for start in range(0, len(code), 110):
        c.drawString(LEFT, y, code[start:start + 110])
        y -= 10
    for line in simpleSplit(HINT, "DejaVuSans", 7.5, RIGHT - LEFT):
        c.drawString(LEFT, y, line)
        y -= 10
    c.setLineWidth(0.9)
    c.rect(LEFT - 18, y - 8, RIGHT - LEFT + 36, TOP - y + 8)
    c.showPage()
    c.save()
    return out.getvalue()


def main():
    font_dir, code = sys.argv[1], sys.argv[2]
    iterations = int(sys.argv[3]) if len(sys.argv) > 3 else 200
    pdfmetrics.registerFont(TTFont("DejaVuSans", f"{font_dir}/DejaVuSans.ttf"))
    pdfmetrics.registerFont(TTFont("DejaVuSans-Bold", f"{font_dir}/DejaVuSans-Bold.ttf"))
    pdf = render(code)  # warm-up: font files parsed once, as lakse parses them once
    start = time.perf_counter()
    for _ in range(iterations):
        render(code)
    per = (time.perf_counter() - start) / iterations
    print(f"reportlab_ns_per_coupon={per * 1e9:.0f}")
    print(f"reportlab_bytes={len(pdf)}")


if __name__ == "__main__":
    main()
