/// How a deadline was read, in words, in either language: for `hanchot when`, and for the
/// importer's list of uncertainties.
public enum DeadlineText {
    public static func note(_ note: DeadlineNote, _ lang: Language) -> String {
        let vi = lang == .vi
        switch note {
        case .yearFromReference(let year, let ref):
            return vi ? "năm \(year) lấy theo \(reference(ref, vi)) (ngày đầu tiên như vậy kể từ \(ref.date.dayMonthYear))"
                      : "year \(year) taken from \(reference(ref, vi)) (the first such day on or after \(ref.date.dayMonthYear))"
        case .countedFrom(let event, let ref):
            return vi ? "tính từ \(event): \(ref.date.dayMonthYear) (\(reference(ref, vi))); ngày đầu không tính (BLDS 2015, Điều 147)"
                      : "counted from \(event): \(ref.date.dayMonthYear) (\(reference(ref, vi))); that day itself not counted (Civil Code 2015 art. 147)"
        case .receivedDateUnknown(let ref):
            return vi ? "không rõ ngày nhận văn bản: tính từ \(ref.date.dayMonthYear) (\(reference(ref, vi)))"
                      : "the day the document was received is not known: counted from \(ref.date.dayMonthYear) (\(reference(ref, vi)))"
        case .windowStart(let day):
            return vi ? "khoảng thời gian bắt đầu từ \(day.dayMonthYear); hạn là ngày cuối" : "a window starting on \(day.dayMonthYear); due at its last day"
        case .anchoredOnEvent:
            return vi ? "hạn gắn với một sự kiện: không bao giờ lùi quá ngày diễn ra sự kiện"
                      : "the deadline is an event: never extended past the event"
        }
    }

    public static func reference(_ ref: DeadlineReference, _ vi: Bool) -> String {
        switch ref.source {
        case .document: vi ? "ngày của văn bản" : "the document's date"
        case .given: vi ? "ngày được chỉ định" : "the given date"
        case .today: vi ? "hôm nay" : "today"
        }
    }

    /// The working-day adjustment, or `nil` when there is none.
    public static func adjustment(_ a: DeadlineResolution.Adjustment, reason: String, _ lang: Language) -> String {
        let vi = lang == .vi
        switch a {
        case .extended(let lastDay, let to):
            return vi ? "điều chỉnh: \(lastDay.dayMonthYear) là ngày nghỉ (\(reason)); hạn chuyển sang cuối ngày làm việc kế tiếp \(to.dayMonthYear) (BLDS 2015, Điều 148)"
                      : "adjusted: \(lastDay.dayMonthYear) is a day off (\(reason)); moved to the end of the next working day, \(to.dayMonthYear) (Civil Code 2015 art. 148)"
        case .broughtForward(let lastDay, let to):
            return vi ? "điều chỉnh: trước sự kiện là ngày nghỉ từ \(lastDay.dayMonthYear) (\(reason)); hạn thực tế là cuối ngày làm việc cuối cùng trước đó, \(to.dayMonthYear) (không lùi quá sự kiện)"
                      : "adjusted: the days before the event are off from \(lastDay.dayMonthYear) back (\(reason)); the practical deadline is the end of the last working day before them, \(to.dayMonthYear) (never past the event)"
        }
    }
}
