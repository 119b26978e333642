/// What to say when no rule reads a phrase: the likely mistake, where one is likely, never only
/// "no rule matches".
extension DeadlineGrammar {
    /// The words the rules are made of (folded), with their spelling for people.
    static let vocabulary: [String: String] = [
        "truoc": "trước", "ngay": "ngày", "cham": "chậm", "nhat": "nhất", "den": "đến", "het": "hết",
        "trong": "trong", "vong": "vòng", "thoi": "thời", "han": "hạn", "thang": "tháng", "quy": "quý",
        "nam": "năm", "lam": "làm", "viec": "việc", "tuan": "tuần", "ke": "kể", "tu": "từ", "ky": "ký",
        "ban": "ban", "hanh": "hành", "nhan": "nhận", "duoc": "được", "van": "văn", "hang": "hằng",
        "moi": "mỗi", "dinh": "định", "tet": "Tết", "cuoi": "cuối", "dau": "đầu", "gio": "giờ",
        "phut": "phút", "sang": "sáng", "chieu": "chiều", "xong": "xong", "hoan": "hoàn", "thanh": "thành",
        "gian": "gian", "sau": "sau", "le": "lễ", "hop": "họp", "hieu": "hiệu", "luc": "lực",
    ]

    static func hint(for folded: String, normalised: String) -> String {
        let none = "no rule of the deadline grammar matches it"
        let words = folded.split(separator: " ").map(String.init)
        // A misspelt word of the grammar ("truoc ngya 25/4/2023"): name the word meant.
        // Short words are left alone: at one letter's distance, every short word is near another.
        for word in words where word.count >= 4 && word.allSatisfy(\.isLetter) && vocabulary[word] == nil {
            if let near = vocabulary.keys.sorted().first(where: { $0.count >= 4 && editDistance($0, word) == 1 }) {
                return "\(none); did you mean \"\(vocabulary[near]!)\" for \"\(word)\"?"
            }
        }
        // "… đến hết năm 2024" after a deadline that happens once.
        if normalised.firstMatch(of: try! Regex(#"\d,? (?:den het|cho den het) (?:nam \d{4}|ngay \d{1,2}/\d{1,2}/\d{4}|thang \d{1,2}/\d{4})$"#)) != nil {
            return "\(none): only a recurring deadline has an end (\"đến hết …\"), and this one happens once"
        }
        // A date in a sentence: the deadline words are there, with others around them.
        if let m = normalised.firstMatch(of: try! Regex(#"(\d{1,2})/(\d{1,2})/(\d{4})"#)) {
            let date = String(normalised[m.range])
            if !words.contains(where: { ["truoc", "cham", "den", "trong", "han", "het", "xong", "ngay"].contains($0) }) {
                return "\(none); for a deadline on \(date) write \"trước ngày \(date)\" (before that day) or \"chậm nhất ngày \(date)\" (by its end)"
            }
            return "\(none) as a whole; keep only the deadline words, e.g. \"trước ngày \(date)\" or \"chậm nhất ngày \(date)\" (see docs/deadlines.md)"
        }
        // An event without its date ("trước kỳ họp"): hanchot cannot know when it is.
        if normalised.firstMatch(of: try! Regex(#"\b(ky hop|hoi nghi|dai hoi|phien hop|cuoc hop|le|ky thi)\b"#)) != nil,
           !normalised.contains(where: \.isNumber) {
            return "\(none): it names an event without its date; write the date (e.g. \"trước kỳ họp ngày 15/12/2023\")"
        }
        // A day and month with something odd for the year ("25/4/23").
        if normalised.firstMatch(of: try! Regex(#"\b\d{1,2}/\d{1,2}/\d{1,3}\b"#)) != nil {
            return "\(none); write the year in full (e.g. 25/4/2023)"
        }
        if words.contains("ngay") || words.contains("thang"), !folded.contains(where: \.isNumber) {
            return "\(none); which day? Add the date (e.g. \"trước ngày 25/4/2023\") or a count (\"trong vòng 10 ngày\")"
        }
        return "\(none) (see `hanchot when --help` and docs/deadlines.md)"
    }

    /// Damerau–Levenshtein distance (adjacent swaps count once), for short words.
    static func editDistance(_ a: String, _ b: String) -> Int {
        let x = Array(a), y = Array(b)
        if abs(x.count - y.count) > 2 { return 3 }
        var d = Array(repeating: Array(repeating: 0, count: y.count + 1), count: x.count + 1)
        for i in 0...x.count { d[i][0] = i }
        for j in 0...y.count { d[0][j] = j }
        for i in stride(from: 1, through: x.count, by: 1) {
            for j in stride(from: 1, through: y.count, by: 1) {
                let cost = x[i - 1] == y[j - 1] ? 0 : 1
                d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost)
                if i > 1, j > 1, x[i - 1] == y[j - 2], x[i - 2] == y[j - 1] { d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1) }
            }
        }
        return d[x.count][y.count]
    }
}
