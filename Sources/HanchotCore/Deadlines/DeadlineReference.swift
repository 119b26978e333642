/// The day a deadline phrase counts from: "trong 10 ngày kể từ ngày ký" and "trước ngày 25/4"
/// mean nothing until one knows which day the document was signed.
public struct DeadlineReference: Hashable, Sendable {
    /// Where the reference day came from.
    public enum Source: String, Hashable, Sendable {
        /// The directive's own date (`issued`): the reference when reading a directive.
        case document
        /// A date given for the purpose (`hanchot when --from`).
        case given
        /// Today: the reference when nothing better is known.
        case today
    }

    public var date: CivilDate
    public var source: Source

    public init(date: CivilDate, source: Source) {
        self.date = date
        self.source = source
    }
}

/// What a reader of a deadline should know about how it was read: each says, in words, a choice
/// the grammar made that the phrase did not spell out.
public enum DeadlineNote: Hashable, Sendable {
    /// A date or month without a year took the year `year` from the reference: the first such
    /// date on or after it.
    case yearFromReference(year: Int, reference: DeadlineReference)
    /// A period was counted from the reference day (the day itself not counted: Civil Code 2015
    /// art. 147); `event` is what the phrase counts from ("ngày ký", "ngày ban hành").
    case countedFrom(event: String, reference: DeadlineReference)
    /// The phrase counts from the day the document was received, which hanchot does not know:
    /// the reference day stands for it.
    case receivedDateUnknown(reference: DeadlineReference)
    /// A window "từ ngày A đến ngày B": due at its end; its start is kept here.
    case windowStart(CivilDate)
    /// The deadline is an event ("trước Tết", "trước kỳ họp"): a day off before it never
    /// extends it past the event (art. 148 extends periods, not events).
    case anchoredOnEvent(String)
}
