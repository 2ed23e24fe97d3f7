/// What one kind of markup in a report may hold: its elements, each element's attributes, and how each attribute's
/// value is checked. Anything else is refused by `StrictMarkup` (no element, attribute, entity or declaration
/// outside the list reaches a page).
struct MarkupAllowList: Sendable {
    /// How an attribute's value is checked.
    enum Value: Sendable, Equatable {
        /// Text for people (an `aria-label`, a tooltip): anything, escaped when written.
        case text
        /// A finite number with an optional unit (`12`, `-1.5e3`, `50%`, `10px`).
        case number
        /// Numbers separated by spaces or commas (`points`, `viewBox`, `stroke-dasharray`); `none` too.
        case numbers
        /// SVG path data: commands and numbers only.
        case path
        /// A transform list: `translate`, `rotate`, `scale`, `matrix`, `skewX`, `skewY` with numbers.
        case transform
        /// Names, class lists and font families: letters, digits, spaces and `-_,.'"`.
        case token
        /// One of a few keywords.
        case choice(Set<String>)
        /// An `id`: a letter or `_`, then letters, digits and `-_.` (at most 64).
        case identifier
        /// A colour (`ChartColor`), `none`, `currentColor`, `transparent` or `url(#id)`.
        case paint
        /// A reference inside the page: `#id`.
        case fragment
        /// `url(#id)` or `none`.
        case reference
        /// A link for people: `#id` or an `https://` address.
        case link
        /// Inline CSS without `url(`, `@`, escapes, `expression`, images or markup characters.
        case style
        /// Exactly this value (a namespace).
        case exact(String)
    }

    /// How the list is named in errors ("a report's SVG").
    let name: String
    /// Attributes of each element (beyond `common`).
    let elements: [String: [String: Value]]
    /// Attributes every element may have.
    let common: [String: Value]
    /// Elements that hold text only (SVG `title` and `desc`, HTML integration points).
    let textOnly: Set<String>
    /// The one element the markup must consist of, if any (`svg`).
    let root: String?
    /// Whether an empty element is written `<x/>` (SVG) rather than `<x></x>` (HTML, where `/>` means nothing).
    let selfClosing: Bool

    static let svgNamespace = "http://www.w3.org/2000/svg"
    static let xlinkNamespace = "http://www.w3.org/1999/xlink"

    /// A report's SVG: the shapes, text and gradients charts are made of. No `foreignObject`, `image`, `use`, `a`,
    /// `script`, `style`, `animate`, filters or fonts; `href` only as `#id` on gradients.
    static let svg: MarkupAllowList = {
        let lineCaps: Set<String> = ["butt", "round", "square"]
        let units: Set<String> = ["userSpaceOnUse", "objectBoundingBox"]
        let gradient: [String: Value] = [
            "gradientUnits": .choice(units), "gradientTransform": .transform,
            "spreadMethod": .choice(["pad", "reflect", "repeat"]), "href": .fragment, "xlink:href": .fragment,
        ]
        let text: [String: Value] = [
            "x": .numbers, "y": .numbers, "dx": .numbers, "dy": .numbers, "rotate": .numbers, "textLength": .number,
            "lengthAdjust": .choice(["spacing", "spacingAndGlyphs"]),
        ]
        return MarkupAllowList(
            name: "a report's SVG",
            elements: [
                "svg": [
                    "xmlns": .exact(svgNamespace), "xmlns:xlink": .exact(xlinkNamespace), "width": .number,
                    "height": .number, "x": .number, "y": .number, "viewBox": .numbers, "preserveAspectRatio": .token,
                    "version": .token,
                ],
                "g": [:], "defs": [:], "title": [:], "desc": [:],
                "path": ["d": .path, "pathLength": .number],
                "rect": [
                    "x": .number, "y": .number, "width": .number, "height": .number, "rx": .number, "ry": .number,
                ],
                "circle": ["cx": .number, "cy": .number, "r": .number],
                "ellipse": ["cx": .number, "cy": .number, "rx": .number, "ry": .number],
                "line": ["x1": .number, "y1": .number, "x2": .number, "y2": .number],
                "polyline": ["points": .numbers], "polygon": ["points": .numbers],
                "text": text, "tspan": text,
                "linearGradient": gradient.merging(["x1": .number, "y1": .number, "x2": .number, "y2": .number]) {
                    $1
                },
                "radialGradient": gradient.merging([
                    "cx": .number, "cy": .number, "r": .number, "fx": .number, "fy": .number, "fr": .number,
                ]) { $1 },
                "stop": ["offset": .number, "stop-color": .paint, "stop-opacity": .number],
                "clipPath": ["clipPathUnits": .choice(units)],
            ],
            common: [
                "id": .identifier, "class": .token, "transform": .transform, "style": .style, "fill": .paint,
                "stroke": .paint, "stroke-width": .number, "stroke-dasharray": .numbers, "stroke-dashoffset": .number,
                "stroke-linejoin": .choice(["miter", "round", "bevel"]), "stroke-linecap": .choice(lineCaps),
                "stroke-miterlimit": .number, "stroke-opacity": .number, "fill-opacity": .number, "opacity": .number,
                "fill-rule": .choice(["nonzero", "evenodd"]), "clip-rule": .choice(["nonzero", "evenodd"]),
                "clip-path": .reference, "font-size": .number, "font-family": .token, "font-weight": .token,
                "font-style": .choice(["normal", "italic", "oblique"]),
                "text-anchor": .choice(["start", "middle", "end"]), "dominant-baseline": .token,
                "letter-spacing": .number, "visibility": .choice(["visible", "hidden"]),
                "shape-rendering": .token, "vector-effect": .token, "role": .token, "aria-label": .text,
                "aria-hidden": .choice(["true", "false"]), "xml:space": .choice(["default", "preserve"]),
            ],
            textOnly: ["title", "desc"], root: "svg", selfClosing: true)
    }()

    /// A report's tables (what `Frame.html` writes): table parts, notes and links to https addresses.
    static let table = MarkupAllowList(
        name: "a report's table",
        elements: [
            "table": [:], "thead": [:], "tbody": [:], "tr": [:], "p": [:], "span": [:],
            "th": ["colspan": .number, "rowspan": .number, "scope": .token],
            "td": ["colspan": .number, "rowspan": .number], "a": ["href": .link],
        ],
        common: ["class": .token, "title": .text], textOnly: [], root: nil, selfClosing: false)
}
