//! Responsive images: every `<img>` in a rendered body that shows a JPEG or PNG of the hub gets
//! its `width` and `height` (so the page does not jump while it loads), lazy loading when it is
//! not the first thing on the page, and, when it is wider than [`WIDTHS`]' smallest entry,
//! resized copies at those widths offered through `srcset`. The original stays published and
//! is linked below the image as a download. SVG drawings get their `width` and `height` too,
//! read from their root element.
//!
//! [`apply`] runs after Markdown rendering and reads only image headers; [`write`] decodes,
//! resizes (in parallel) and encodes the copies straight into the output being built, so
//! nothing is cached anywhere else on disk.

use std::collections::{HashMap, HashSet};
use std::fs::File;
use std::io::BufWriter;
use std::path::{Path, PathBuf};

use image::codecs::jpeg::JpegEncoder;
use image::codecs::png::PngEncoder;
use image::imageops::FilterType;
use image::metadata::Orientation;
use image::{DynamicImage, ImageDecoder, ImageReader};
use rayon::prelude::*;

use crate::diagnostic::Diagnostic;
use crate::paths::xml_escape;
use crate::site::Asset;

/// The widths, in pixels, of the resized copies (only those narrower than the original).
pub const WIDTHS: [u32; 3] = [480, 960, 1440];
/// JPEG quality of the resized copies.
pub const JPEG_QUALITY: u8 = 78;
/// Images that start within this many bytes of a body's HTML are not lazy-loaded: they are
/// probably visible when the page opens, and lazy loading them would delay the first paint.
pub const EAGER_WITHIN: usize = 1200;
/// What `sizes` tells the browser about the image's displayed width: the text column is at
/// most 44rem wide, and on a phone the screen less the page margins.
pub const SIZES: &str = "(min-width: 46rem) 44rem, calc(100vw - 2rem)";

/// One resized copy to write.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Variant {
    /// Output path, relative to the output folder.
    pub out: String,
    /// Width in pixels.
    pub width: u32,
    /// Height in pixels.
    pub height: u32,
}

/// One source image and the copies to make of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Resize {
    /// The file to read.
    pub source: PathBuf,
    /// The file as shown in messages (relative to the hub root).
    pub file: PathBuf,
    /// Whether the copies are PNG (else JPEG).
    pub png: bool,
    /// The copies, widest first.
    pub variants: Vec<Variant>,
}

/// An image's header read, or why it could not be.
type Inspected = Result<(Info, Option<Resize>), Diagnostic>;

/// What is known about one published image.
#[derive(Debug)]
struct Info {
    /// Displayed size, after the EXIF orientation is applied.
    width: u32,
    height: u32,
    /// Copies, widest first, with their URLs.
    variants: Vec<(String, u32)>,
    /// Bytes of the original.
    size: u64,
    format: &'static str,
}

/// Rewrites the `<img>` tags of every body in `bodies`; returns the copies to write and a
/// warning for every image whose header cannot be read.
pub fn apply(
    bodies: Vec<(&mut String, &Path)>,
    assets: &[Asset],
    base_path: &str,
) -> (Vec<Resize>, Vec<Diagnostic>) {
    let by_url: HashMap<String, &Asset> = assets
        .iter()
        .filter(|a| image_format(&a.out).is_some())
        .map(|a| (format!("{base_path}{}", a.out), a))
        .collect();
    if by_url.is_empty() {
        return (Vec::new(), Vec::new());
    }
    // Which images the bodies show, and where (for a located warning): the bodies are read
    // in parallel (this was on the build's sequential path), then taken in order, so the
    // first page showing an image is the one named.
    let shown: Vec<Vec<String>> = bodies
        .par_iter()
        .map(|(html, _)| {
            img_tags(html)
                .iter()
                .filter_map(|tag| tag.src().map(local_url))
                .filter(|url| by_url.contains_key(url))
                .collect()
        })
        .collect();
    let mut used: HashMap<String, &Path> = HashMap::new();
    for ((_, file), urls) in bodies.iter().zip(shown) {
        for url in urls {
            used.entry(url).or_insert(file);
        }
    }
    let taken: HashSet<&str> = assets.iter().map(|a| a.out.as_str()).collect();
    let read: Vec<(String, Inspected)> = used
        .into_par_iter()
        .filter_map(|(url, page)| {
            let asset = by_url[&url];
            let format = image_format(&asset.out)?;
            let result = if format == "SVG" {
                // An SVG without a readable size is drawn at whatever size it has: no warning.
                Ok((svg_info(asset).ok()?, None))
            } else {
                inspect(asset, format, base_path, &taken).map_err(|err| {
                    Diagnostic::warning(page, 0, 0, "unreadable-image")
                        .message(format!(
                            "the image {} cannot be read as {format}: {err}",
                            asset.file.display(),
                        ))
                        .hint("export the image again as a standard JPEG or PNG file")
                })
            };
            Some((url, result))
        })
        .collect();
    let mut infos: HashMap<String, Info> = HashMap::new();
    let mut resizes = Vec::new();
    let mut problems = Vec::new();
    for (url, result) in read {
        match result {
            Ok((info, resize)) => {
                infos.insert(url, info);
                resizes.extend(resize);
            }
            Err(d) => problems.push(d),
        }
    }
    resizes.sort_by(|a, b| a.source.cmp(&b.source));
    bodies.into_par_iter().for_each(|(html, _)| {
        if let Some(new) = rewrite(html, &infos) {
            *html = new;
        }
    });
    (resizes, problems)
}

/// `JPEG` or `PNG` for the file names Praxis resizes, `SVG` for drawings it only sizes.
fn image_format(path: &str) -> Option<&'static str> {
    let ext = path.rsplit_once('.')?.1.to_ascii_lowercase();
    match ext.as_str() {
        "jpg" | "jpeg" => Some("JPEG"),
        "png" => Some("PNG"),
        "svg" => Some("SVG"),
        _ => None,
    }
}

/// An SVG's size from its root element: `width` and `height` in pixels, else its `viewBox`.
fn svg_info(asset: &Asset) -> Result<Info, String> {
    let text = std::fs::read_to_string(&asset.source).map_err(|e| e.to_string())?;
    let start = text.find("<svg").ok_or("no <svg> element")?;
    let end = tag_end(text.as_bytes(), start + 4).ok_or("unclosed <svg> element")?;
    let attrs = attributes(&text[start + 4..end - 1]);
    let get = |name: &str| attrs.iter().find(|(n, _)| *n == name).and_then(|(_, v)| *v);
    let pixels = |v: &str| -> Option<f64> {
        let v = v.trim();
        v.strip_suffix("px").unwrap_or(v).parse::<f64>().ok()
    };
    let from_box = || -> Option<(f64, f64)> {
        let numbers: Vec<f64> = get("viewBox")?
            .split([' ', ','])
            .filter(|p| !p.is_empty())
            .filter_map(|p| p.parse().ok())
            .collect();
        (numbers.len() == 4).then(|| (numbers[2], numbers[3]))
    };
    let (w, h) = match (
        get("width").and_then(pixels),
        get("height").and_then(pixels),
    ) {
        (Some(w), Some(h)) => (w, h),
        _ => from_box().ok_or("no size")?,
    };
    if !(w >= 1.0 && h >= 1.0 && w < 1e6 && h < 1e6) {
        return Err("no usable size".into());
    }
    Ok(Info {
        width: w.round() as u32,
        height: h.round() as u32,
        variants: Vec::new(),
        size: 0,
        format: "SVG",
    })
}

/// Reads an image's header: its displayed size, and the copies to make.
fn inspect(
    asset: &Asset,
    format: &'static str,
    base_path: &str,
    taken: &HashSet<&str>,
) -> Result<(Info, Option<Resize>), String> {
    let size = std::fs::metadata(&asset.source)
        .map_err(|e| e.to_string())?
        .len();
    let mut decoder = ImageReader::open(&asset.source)
        .map_err(|e| e.to_string())?
        .with_guessed_format()
        .map_err(|e| e.to_string())?
        .into_decoder()
        .map_err(|e| e.to_string())?;
    let (w, h) = decoder.dimensions();
    let orientation = decoder.orientation().unwrap_or(Orientation::NoTransforms);
    let (width, height) = if turns(orientation) { (h, w) } else { (w, h) };
    if width == 0 || height == 0 {
        return Err("it has no pixels".into());
    }
    let (stem, ext) = asset.out.rsplit_once('.').unwrap_or((&asset.out, ""));
    let variants: Vec<Variant> = WIDTHS
        .iter()
        .rev()
        .filter(|&&vw| vw < width)
        .map(|&vw| Variant {
            out: format!("{stem}-{vw}w.{ext}"),
            width: vw,
            height: ((u64::from(height) * u64::from(vw) + u64::from(width) / 2) / u64::from(width))
                .max(1) as u32,
        })
        .filter(|v| !taken.contains(v.out.as_str()))
        .collect();
    let info = Info {
        width,
        height,
        variants: variants
            .iter()
            .map(|v| (format!("{base_path}{}", v.out), v.width))
            .collect(),
        size,
        format,
    };
    let resize = (!variants.is_empty()).then(|| Resize {
        source: asset.source.clone(),
        file: asset.file.clone(),
        png: format == "PNG",
        variants,
    });
    Ok((info, resize))
}

/// Whether an EXIF orientation swaps width and height.
fn turns(orientation: Orientation) -> bool {
    matches!(
        orientation,
        Orientation::Rotate90
            | Orientation::Rotate270
            | Orientation::Rotate90FlipH
            | Orientation::Rotate270FlipH
    )
}

/// An `<img …>` tag found in HTML: where it is and its attributes (values as written).
struct ImgTag<'a> {
    start: usize,
    end: usize,
    attrs: Vec<(&'a str, Option<&'a str>)>,
    /// Whether the tag sits inside an `<a>` element.
    in_link: bool,
}

impl<'a> ImgTag<'a> {
    fn get(&self, name: &str) -> Option<&'a str> {
        self.attrs
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.unwrap_or(""))
    }

    fn has(&self, name: &str) -> bool {
        self.attrs.iter().any(|(n, _)| n.eq_ignore_ascii_case(name))
    }

    fn src(&self) -> Option<&'a str> {
        self.get("src")
    }
}

/// Every `<img>` tag of a piece of HTML, in order.
fn img_tags(html: &str) -> Vec<ImgTag<'_>> {
    let bytes = html.as_bytes();
    let mut tags = Vec::new();
    let mut links = 0usize;
    let mut i = 0;
    while let Some(lt) = html[i..].find('<').map(|j| i + j) {
        let rest = &html[lt + 1..];
        let lead = usize::from(rest.starts_with(['/', '!']));
        let name_len = lead
            + rest[lead..]
                .find(|c: char| !c.is_ascii_alphanumeric())
                .unwrap_or(rest.len() - lead);
        // Compared without lower-casing a copy: every tag of every page comes through here.
        let name = &rest[..name_len];
        let Some(end) = tag_end(bytes, lt + 1 + name_len) else {
            break;
        };
        if name.eq_ignore_ascii_case("a") {
            links += 1;
        } else if name.eq_ignore_ascii_case("/a") {
            links = links.saturating_sub(1);
        } else if name.eq_ignore_ascii_case("img") {
            tags.push(ImgTag {
                start: lt,
                end,
                attrs: attributes(&html[lt + 4..end - 1]),
                in_link: links > 0,
            });
        }
        i = end;
    }
    tags
}

/// The index just past the `>` that closes the tag whose attributes start at `from`.
fn tag_end(bytes: &[u8], from: usize) -> Option<usize> {
    let mut quote = None;
    for (k, &b) in bytes.iter().enumerate().skip(from) {
        match (quote, b) {
            (None, b'"' | b'\'') => quote = Some(b),
            (Some(q), _) if b == q => quote = None,
            (None, b'>') => return Some(k + 1),
            _ => {}
        }
    }
    None
}

/// Attributes of a tag's inside (`src="x" alt='y' hidden /`), values without their quotes.
fn attributes(inside: &str) -> Vec<(&str, Option<&str>)> {
    let mut attrs = Vec::new();
    let mut rest = inside.trim_start_matches(|c: char| c.is_whitespace() || c == '/');
    while !rest.is_empty() {
        let name_end = rest
            .find(|c: char| c.is_whitespace() || c == '=' || c == '/')
            .unwrap_or(rest.len());
        let name = &rest[..name_end];
        rest = rest[name_end..].trim_start();
        let value = if let Some(after) = rest.strip_prefix('=') {
            let after = after.trim_start();
            let (value, next) = match after.chars().next() {
                Some(q @ ('"' | '\'')) => {
                    let close = after[1..].find(q).map_or(after.len(), |j| j + 1);
                    (&after[1..close], after.get(close + 1..).unwrap_or(""))
                }
                _ => {
                    let stop = after.find(char::is_whitespace).unwrap_or(after.len());
                    (&after[..stop], &after[stop..])
                }
            };
            rest = next;
            Some(value)
        } else {
            None
        };
        if !name.is_empty() {
            attrs.push((name, value));
        }
        rest = rest.trim_start_matches(|c: char| c.is_whitespace() || c == '/');
    }
    attrs
}

/// The site URL an `src` attribute points to: entities and percent-escapes decoded, the query
/// and fragment dropped.
fn local_url(src: &str) -> String {
    let src = src
        .replace("&amp;", "&")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">");
    let path = src.split(['?', '#']).next().unwrap_or("");
    percent_decode(path)
}

fn percent_decode(path: &str) -> String {
    let bytes = path.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match (bytes[i], hex) {
            (b'%', Some(byte)) => {
                out.push(byte);
                i += 3;
            }
            (b, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8(out).unwrap_or_else(|_| path.to_string())
}

/// A URL made safe for a `srcset` list, where spaces and commas separate candidates.
fn srcset_url(url: &str) -> String {
    url.replace('%', "%25")
        .replace(' ', "%20")
        .replace(',', "%2C")
}

/// The HTML with its images rewritten, or `None` when nothing changed.
fn rewrite(html: &str, infos: &HashMap<String, Info>) -> Option<String> {
    let tags = img_tags(html);
    if tags.is_empty() {
        return None;
    }
    let mut out = String::with_capacity(html.len() + tags.len() * 300);
    let mut last = 0;
    let mut changed = false;
    for (n, tag) in tags.iter().enumerate() {
        let Some(src) = tag.src() else { continue };
        let url = local_url(src);
        let Some(info) = infos.get(&url) else {
            continue;
        };
        changed = true;
        out.push_str(&html[last..tag.start]);
        out.push_str("<img");
        let middle = info
            .variants
            .iter()
            .find(|(_, w)| *w <= 960)
            .or(info.variants.first());
        for (name, value) in &tag.attrs {
            out.push(' ');
            out.push_str(name);
            if name.eq_ignore_ascii_case("src") {
                // Browsers without srcset get a copy of moderate size, not the original.
                let src = middle.map_or(src.to_string(), |(u, _)| xml_escape(&srcset_url(u)));
                out.push_str(&format!("=\"{src}\""));
            } else if let Some(value) = value {
                let quote = if value.contains('"') { '\'' } else { '"' };
                out.push_str(&format!("={quote}{value}{quote}"));
            }
        }
        if !tag.has("width") && !tag.has("height") {
            out.push_str(&format!(
                " width=\"{}\" height=\"{}\"",
                info.width, info.height
            ));
        }
        if !info.variants.is_empty() && !tag.has("srcset") {
            let mut candidates: Vec<String> = info
                .variants
                .iter()
                .rev()
                .map(|(u, w)| format!("{} {w}w", srcset_url(u)))
                .collect();
            candidates.push(format!("{} {}w", srcset_url(&url), info.width));
            out.push_str(&format!(
                " srcset=\"{}\" sizes=\"{SIZES}\"",
                xml_escape(&candidates.join(", "))
            ));
        }
        if !tag.has("loading") && (n > 0 || tag.start >= EAGER_WITHIN) {
            out.push_str(" loading=\"lazy\"");
        }
        if !tag.has("decoding") {
            out.push_str(" decoding=\"async\"");
        }
        out.push('>');
        if !info.variants.is_empty() && !tag.in_link {
            let alt = tag.get("alt").unwrap_or("");
            out.push_str(&format!(
                " <a class=\"image-original\" href=\"{}\" download>Full-size image{}</a> <span class=\"meta\">({}, {})</span>",
                xml_escape(&srcset_url(&url)),
                if alt.is_empty() {
                    String::new()
                } else {
                    format!("<span class=\"visually-hidden\">: {alt}</span>")
                },
                info.format,
                crate::site::human_size(info.size)
            ));
        }
        last = tag.end;
    }
    if !changed {
        return None;
    }
    out.push_str(&html[last..]);
    Some(out)
}

/// Decodes, resizes and encodes every copy into `root` (the output being built), in parallel.
pub fn write(
    resizes: &[Resize],
    root: &Path,
) -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
    resizes.par_iter().try_for_each(|resize| {
        write_one(resize, root)
            .map_err(|err| format!("cannot resize {}: {err}", resize.file.display()).into())
    })
}

fn write_one(resize: &Resize, root: &Path) -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
    let mut decoder = ImageReader::open(&resize.source)?
        .with_guessed_format()?
        .into_decoder()?;
    let orientation = decoder.orientation().unwrap_or(Orientation::NoTransforms);
    let mut image = DynamicImage::from_decoder(decoder)?;
    image.apply_orientation(orientation);
    // Widest first, each made from the one before: faster than always starting from the
    // original, and each step shrinks by at most a factor of two or so.
    let mut from = image;
    for variant in &resize.variants {
        let small = from.resize_exact(variant.width, variant.height, FilterType::CatmullRom);
        let path = root.join(&variant.out);
        // Copies are made while pages are still being rendered, so the page's folder may not
        // be there yet.
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)?;
        }
        let file = BufWriter::new(File::create(&path)?);
        if resize.png {
            small.write_with_encoder(PngEncoder::new(file))?;
        } else {
            let rgb = match small {
                DynamicImage::ImageLuma8(_) | DynamicImage::ImageRgb8(_) => small.clone(),
                _ => DynamicImage::ImageRgb8(small.to_rgb8()),
            };
            rgb.write_with_encoder(JpegEncoder::new_with_quality(file, JPEG_QUALITY))?;
        }
        from = small;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn attributes_are_read_with_any_quoting() {
        let attrs = attributes(r#" src="a b.png" alt='x "y"' hidden width=3 /"#);
        assert_eq!(
            attrs,
            vec![
                ("src", Some("a b.png")),
                ("alt", Some("x \"y\"")),
                ("hidden", None),
                ("width", Some("3"))
            ]
        );
    }

    #[test]
    fn img_tags_know_when_they_are_inside_a_link() {
        let html = r#"<p><img src="/a.png" alt="A"> <a href="/x"><img src="/b.png" alt=">"></a> <img src="/c.png"></p>"#;
        let tags = img_tags(html);
        assert_eq!(tags.len(), 3);
        assert_eq!(
            tags.iter().map(|t| t.in_link).collect::<Vec<_>>(),
            [false, true, false]
        );
        assert_eq!(tags[1].get("alt"), Some(">"));
    }

    fn info(width: u32, height: u32, variants: &[u32]) -> Info {
        Info {
            width,
            height,
            variants: variants
                .iter()
                .map(|w| (format!("/img/p-{w}w.jpg"), *w))
                .collect(),
            size: 2_400_000,
            format: "JPEG",
        }
    }

    #[test]
    fn large_images_get_srcset_dimensions_and_a_download_link() {
        let mut infos = HashMap::new();
        infos.insert(
            "/img/p.jpg".to_string(),
            info(2000, 1000, &[1440, 960, 480]),
        );
        infos.insert("/img/small.jpg".to_string(), info(300, 200, &[]));
        let html = "<p><img src=\"/img/p.jpg\" alt=\"A pump\" /></p>\n<p><img src=\"/img/small.jpg\" alt=\"\"></p>";
        let out = rewrite(html, &infos).unwrap();
        assert!(
            out.contains(r#"<img src="/img/p-960w.jpg" alt="A pump" width="2000" height="1000" srcset="/img/p-480w.jpg 480w, /img/p-960w.jpg 960w, /img/p-1440w.jpg 1440w, /img/p.jpg 2000w" sizes="(min-width: 46rem) 44rem, calc(100vw - 2rem)" decoding="async">"#),
            "{out}"
        );
        assert!(out.contains(r#"<a class="image-original" href="/img/p.jpg" download>Full-size image<span class="visually-hidden">: A pump</span></a> <span class="meta">(JPEG, 2.4 MB)</span>"#), "{out}");
        // The second image is lazy; a small one gets no srcset and no download link.
        assert!(out.contains(r#"<img src="/img/small.jpg" alt="" width="300" height="200" loading="lazy" decoding="async"></p>"#), "{out}");
    }

    #[test]
    fn images_far_down_the_page_are_lazy_and_unknown_images_are_left_alone() {
        let mut infos = HashMap::new();
        infos.insert("/img/p.jpg".to_string(), info(800, 600, &[480]));
        let html = format!(
            "<p>{}</p><img src=\"/img/p.jpg\" alt=\"x\" width=\"10\"><img src=\"/other.png\">",
            "words ".repeat(300)
        );
        let out = rewrite(&html, &infos).unwrap();
        assert!(out.contains("loading=\"lazy\""));
        assert!(
            !out.contains("height="),
            "an author's width is kept, and no height added"
        );
        assert!(out.ends_with("<img src=\"/other.png\">"));
        assert!(rewrite("<p>no images</p>", &infos).is_none());
    }
}
