/// Federal Register citations ("88 FR 73458": volume, "FR", first page; 1 CFR 5.8) and where to read them.
///
/// FederalRegister.gov resolves a citation at `https://www.federalregister.gov/citation/VOLUME-FR-PAGE` to the
/// document printed on that page. Its documents start with volume 59 (1994), so earlier citations get no link.
public enum FederalRegisterCitation {
    /// The first volume FederalRegister.gov holds (1994).
    public static let firstOnlineVolume = 59

    /// The FederalRegister.gov page for a citation, or nil before volume 59.
    public static func url(volume: Int, page: Int) -> String? {
        guard volume >= firstOnlineVolume, page > 0 else { return nil }
        return "https://www.federalregister.gov/citation/\(volume)-FR-\(page)"
    }

    /// Each citation in `text` ("87 FR 62186", also "87 F.R. 62186"; standalone numbers of up to 3 and 6 digits)
    /// that FederalRegister.gov holds, with its URL.
    public static func find(in text: String) -> [(range: Range<String.Index>, url: String)] {
        var found: [(range: Range<String.Index>, url: String)] = []
        let characters = Array(text.indices)
        func digit(_ i: Int) -> Bool {
            i < characters.count && text[characters[i]].isASCII && text[characters[i]].isNumber
        }
        func index(_ i: Int) -> String.Index { i < characters.count ? characters[i] : text.endIndex }
        func isWordCharacter(_ i: Int) -> Bool {
            i >= 0 && i < characters.count && (text[characters[i]].isLetter || text[characters[i]].isNumber)
        }
        var i = 0
        while i < characters.count {
            guard digit(i), !isWordCharacter(i - 1) else {
                i += 1
                continue
            }
            var j = i
            while digit(j) { j += 1 }
            let volumeDigits = j - i
            // " FR " or " F.R. " after the volume.
            var k = j
            var matched = false
            for marker in [" FR ", " F.R. "] {
                let end = k + marker.count
                guard end <= characters.count else { continue }
                if text[index(k)..<index(end)] == marker {
                    k = end
                    matched = true
                    break
                }
            }
            var p = k
            while matched, digit(p) { p += 1 }
            let pageDigits = p - k
            if matched, volumeDigits <= 3, (1...6).contains(pageDigits), !isWordCharacter(p),
                let volume = Int(text[index(i)..<index(j)]), let page = Int(text[index(k)..<index(p)]),
                let url = url(volume: volume, page: page)
            {
                found.append((index(i)..<index(p), url))
                i = p
            } else {
                i = j
            }
        }
        return found
    }
}
