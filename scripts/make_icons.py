"""Draw the PWA icons (two interlocking rings: هم‌افزا, "synergy") into static/icons. Needs Pillow."""

from pathlib import Path

from PIL import Image, ImageDraw

OUT = Path(__file__).resolve().parent.parent / "static" / "icons"
TEAL, WHITE, MINT = (15, 118, 110, 255), (255, 255, 255, 255), (153, 246, 228, 255)


def icon(size: int, maskable: bool = False) -> Image.Image:
    scale = 4  # draw large, then shrink: smooth edges without an anti-aliasing library
    big = size * scale
    image = Image.new("RGBA", (big, big), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    if maskable:
        draw.rectangle([0, 0, big, big], fill=TEAL)
    else:
        draw.rounded_rectangle([0, 0, big - 1, big - 1], radius=int(big * 0.22), fill=TEAL)
    # Maskable icons keep their drawing inside the central safe zone (80%).
    unit = big / 64 * (0.8 if maskable else 1.0)
    cx, cy = big / 2, big / 2
    width = int(5 * unit)
    for dx, colour in ((-7, WHITE), (7, MINT)):
        r = 13 * unit
        x = cx + dx * unit
        draw.ellipse([x - r, cy - r, x + r, cy + r], outline=colour, width=width)
    return image.resize((size, size), Image.LANCZOS)


if __name__ == "__main__":
    OUT.mkdir(parents=True, exist_ok=True)
    icon(192).save(OUT / "icon-192.png")
    icon(512).save(OUT / "icon-512.png")
    icon(512, maskable=True).save(OUT / "icon-maskable-512.png")
