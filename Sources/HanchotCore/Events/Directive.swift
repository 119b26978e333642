/// A numbered document ("Số 22-CV/ĐU") that gives tasks to units.
public struct Directive: Hashable, Sendable {
    /// Unique key in the log, e.g. number + year: `22-CV/ĐU-2021`.
    public var id: String
    /// The document number as printed: `22-CV/ĐU`.
    public var number: String
    public var issuer: String
    public var issuedOn: CivilDate?
    public var title: String
    /// Who the document is addressed to ("Kính gửi").
    public var recipients: [String]
    public var tasks: [Task]

    public init(id: String, number: String, issuer: String = "", issuedOn: CivilDate? = nil,
                title: String, recipients: [String] = [], tasks: [Task]) {
        self.id = id
        self.number = number
        self.issuer = issuer
        self.issuedOn = issuedOn
        self.title = title
        self.recipients = recipients
        self.tasks = tasks
    }

    public func task(_ id: String) -> Task? { tasks.first { $0.id == id } }

    /// One task of a directive, given to one or more units.
    public struct Task: Hashable, Sendable {
        /// "1", "2.a": as numbered in the document.
        public var id: String
        public var text: String
        public var assignees: [String]
        /// For a recurring task, its first occurrence's deadline.
        public var due: Due?
        /// An obligation that comes back ("trước ngày 20 hằng tháng"): each occurrence after
        /// `due` is tracked per unit (schema version 2).
        public var recurrence: Recurrence?
        /// The last day an occurrence may fall on ("đến hết năm 2024"); `nil`: no end.
        public var until: CivilDate?

        public init(id: String, text: String, assignees: [String], due: Due? = nil,
                    recurrence: Recurrence? = nil, until: CivilDate? = nil) {
            self.id = id
            self.text = text
            self.assignees = assignees
            self.due = due
            self.recurrence = recurrence
            self.until = until
        }
    }
}

/// A deadline: the exclusive instant by which work must be done, and the words it came from.
public struct Due: Hashable, Sendable {
    public var instant: Instant
    /// The phrase as written in the directive ("xong trước ngày 31/12/2021"), if any.
    public var phrase: String?

    public init(instant: Instant, phrase: String? = nil) {
        self.instant = instant
        self.phrase = phrase
    }
}
