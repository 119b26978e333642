/// One clear sentence for each rule an event can break, in either language.
public enum FoldProblemText {
    public static func english(_ p: FoldProblem) -> String { render(p, .en, zone: .vietnam) }

    public static func render(_ p: FoldProblem, _ lang: Language, zone: Zone) -> String {
        let vi = lang == .vi
        switch p.kind {
        case .duplicateDirective(let id):
            return vi ? "văn bản \"\(id)\" đã có trong sổ; muốn sửa thì dùng extend/revoke, không ban hành lại"
                      : "directive \"\(id)\" is already in the log; correct it with extend/revoke, not a second issue"
        case .unknownDirective(let id, let known):
            return (vi ? "không có văn bản \"\(id)\"" : "unknown directive \"\(id)\"") + choices(known, vi)
        case .unknownTask(let d, let t, let known):
            return (vi ? "văn bản \"\(d)\" không có nhiệm vụ \"\(t)\"" : "directive \"\(d)\" has no task \"\(t)\"")
                + choices(known, vi)
        case .unknownUnit(let d, let t, let u, let known):
            return (vi ? "nhiệm vụ \(t) của \"\(d)\" không giao cho \"\(u)\"" : "task \(t) of \"\(d)\" is not assigned to \"\(u)\"")
                + choices(known, vi)
        case .unitRequired(let d, let t, let assignees):
            return (vi ? "nhiệm vụ \(t) của \"\(d)\" giao cho nhiều đơn vị: cần --unit"
                       : "task \(t) of \"\(d)\" has several assignees: --unit is required")
                + choices(assignees, vi)
        case .alreadyCompleted(let key, let at):
            return vi ? "\(key.unit) đã hoàn thành nhiệm vụ \(key.task) của \"\(key.directive)\" lúc \(zone.display(at)); không ghi lại"
                      : "\(key.unit) already completed task \(key.task) of \"\(key.directive)\" at \(zone.display(at)); not recorded again"
        case .periodAlreadyCompleted(let key, let period, let at):
            return vi ? "\(key.unit) đã hoàn thành nhiệm vụ \(key.task) kỳ \(period) của \"\(key.directive)\" lúc \(zone.display(at)); không ghi lại"
                      : "\(key.unit) already completed task \(key.task), period \(period), of \"\(key.directive)\" at \(zone.display(at)); not recorded again"
        case .notCompleted(let key):
            return vi ? "nhiệm vụ \(key.task) của \"\(key.directive)\" (\(key.unit)) đang mở, không có gì để mở lại"
                      : "task \(key.task) of \"\(key.directive)\" (\(key.unit)) is open; nothing to reopen"
        case .completedBeforeIssuance(let key, let at, let issued):
            return vi ? "thời điểm hoàn thành \(zone.display(at)) sớm hơn ngày ban hành \(issued.dayMonthYear) của \"\(key.directive)\""
                      : "completion time \(zone.display(at)) is before \"\(key.directive)\" was issued on \(issued.dayMonthYear)"
        case .directiveRevoked(let id):
            return vi ? "văn bản \"\(id)\" đã bị thu hồi" : "directive \"\(id)\" has been revoked"
        case .unknownPeriod(let key, let period):
            return vi ? "nhiệm vụ định kỳ \(key.task) của \"\(key.directive)\" không có kỳ \"\(period)\" (kỳ ghi dạng 2024-05, 2024-Q2, 2024-W19 hoặc 2024, từ kỳ đầu tiên đến kỳ cuối)"
                      : "recurring task \(key.task) of \"\(key.directive)\" has no period \"\(period)\" (periods are written 2024-05, 2024-Q2, 2024-W19 or 2024, from the first occurrence to the last)"
        case .recurringDeadline(let d, let t):
            return vi ? "nhiệm vụ \(t) của \"\(d)\" là nhiệm vụ định kỳ: hạn theo lịch lặp lại; muốn đổi thì thu hồi và ban hành lại"
                      : "task \(t) of \"\(d)\" recurs: its deadlines follow its schedule; to change it, revoke the directive and issue it anew"
        }
    }

    private static func choices(_ known: [String], _ vi: Bool) -> String {
        guard !known.isEmpty else { return vi ? " (sổ chưa có mục nào)" : " (the log has none)" }
        let shown = known.prefix(20).map { "\"\($0)\"" }.joined(separator: ", ")
        let more = known.count > 20 ? (vi ? " và \(known.count - 20) mục khác" : " and \(known.count - 20) more") : ""
        return (vi ? "; có: " : "; valid: ") + shown + more
    }
}
