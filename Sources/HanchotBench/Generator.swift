#if canImport(Glibc)
import Glibc
#endif
import HanchotCore

/// Writes a realistic, reproducible log: directives issued over five years (three tasks each,
/// two to four units per task), and after each one, over the next four months, the reminders,
/// completions, reopenings and deadline changes that concern it — interleaved across directives
/// in recorded-time order, as a real office's log would be.
///
/// Every event is valid when it is written, except a small share (`rejectRate`) of deliberate
/// mistakes (a second completion of a finished assignment, a unit that is not an assignee) so
/// that replay also exercises its rejection path. The generator folds what it writes, so it can
/// say exactly how many events apply.
struct LogGenerator {
    struct Report {
        var events = 0
        var directives = 0
        var assignments = 0
        var byType: [EventType: Int] = [:]
        var applied = 0
        var rejected = 0
        var revoked = 0
        var openAtEnd = 0
        var bytes: Int64 = 0
        var seconds = 0.0
    }

    var totalEvents: Int
    var directiveCount: Int
    var tasksPerDirective = 3
    var rejectRate = 0.0005
    var revokeRate = 0.01
    var seed: UInt64 = 0x4841_4E43_484F_5431

    static let zone = Zone.vietnam
    /// 2019-01-01T00:00:00Z: five years of directives end in early 2024, months before any "now".
    static let start: Int64 = 1_546_300_800
    static let span: Int64 = 5 * 365 * 86_400
    /// How long after its issue a directive keeps getting events.
    static let window: Int64 = 120 * 86_400

    init(totalEvents: Int, directives: Int? = nil) {
        self.totalEvents = totalEvents
        self.directiveCount = max(1, min(totalEvents, directives ?? max(1, totalEvents / 100)))
    }

    func write(to path: String) -> Report {
        let started = nowNanos()
        var report = Report()
        var rng = SplitMix(seed: seed)
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { fail("cannot create \(path): \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        var buffer = [UInt8]()
        buffer.reserveCapacity(5 << 20)
        var ledger = Ledger(zone: LogGenerator.zone)
        var heap = PendingHeap()
        var seq = 0
        var lastAt: Int64 = 0
        let step = max(1, LogGenerator.span / Int64(directiveCount))
        let followUps = totalEvents - directiveCount

        func emit(_ event: Event) {
            buffer.append(contentsOf: EventCodec.encode(event).utf8)
            buffer.append(0x0A)
            if buffer.count >= 4 << 20 {
                buffer.withUnsafeBytes { writeAll(fd, $0, path: path) }
                report.bytes += Int64(buffer.count)
                buffer.removeAll(keepingCapacity: true)
            }
            report.events += 1
            report.byType[event.type, default: 0] += 1
            switch ledger.apply(event) {
            case .applied: report.applied += 1
            case .duplicateID, .rejected: report.rejected += 1
            }
        }

        func emitPending(until time: Int64) {
            while let top = heap.peek, top.time < time {
                let p = heap.pop()!
                lastAt = max(lastAt + 1, p.time)
                emit(p.materialise(at: lastAt, rng: &rng))
            }
        }

        for d in 0..<directiveCount {
            let issueAt = LogGenerator.start + Int64(d) * step + Int64(rng.int(0..<Int(max(1, step / 2))))
            emitPending(until: issueAt)
            lastAt = max(lastAt + 1, issueAt)
            let directive = makeDirective(number: d, at: lastAt, rng: &rng)
            report.directives += 1
            report.assignments += directive.tasks.reduce(0) { $0 + $1.assignees.count }
            emit(Event(id: rng.uuid(), recordedAt: Instant(secondsSinceEpoch: lastAt), actor: rng.pick(LogGenerator.clerks),
                       body: .directiveIssued(directive)))
            // Spread the follow-up events evenly over the directives (so the total is exact).
            let budget = followUps * (d + 1) / directiveCount - followUps * d / directiveCount
            let plan = followUpPlan(for: directive, budget: budget, rng: &rng)
            if plan.contains(where: { if case .revoke = $0 { true } else { false } }) { report.revoked += 1 }
            var offsets = (0..<plan.count).map { _ in Int64(rng.int(60...Int(LogGenerator.window))) }
            offsets.sort()
            for (k, item) in plan.enumerated() {
                heap.push(Pending(time: lastAt + offsets[k], seq: seq, directive: directive, issuedAt: lastAt, item: item))
                seq += 1
            }
        }
        emitPending(until: .max)
        if !buffer.isEmpty {
            buffer.withUnsafeBytes { writeAll(fd, $0, path: path) }
            report.bytes += Int64(buffer.count)
        }
        report.openAtEnd = ledger.assignments.filter(\.isOpen).count
        report.seconds = seconds(since: started)
        return report
    }

    // MARK: directives

    static let kinds = ["CV", "TB", "KH", "CT", "NQ", "QĐ", "BC"]
    static let issuers = ["Ban Thường vụ Đảng ủy xã Bắc Sơn", "Ban Thường vụ Thị ủy", "Ủy ban nhân dân xã Bắc Sơn",
                          "Văn phòng Đảng ủy", "Ban Chấp hành Đảng bộ xã"]
    static let clerks = ["vanphong", "nguyenthilan", "tranvanminh", "lethihoa", "phamvanduc"]
    static let units: [String] = {
        var u = ["Thường trực HĐND xã", "Thường trực UBND xã", "UBMTTQ xã", "Đoàn Thanh niên xã", "Hội Liên hiệp Phụ nữ xã",
                 "Hội Nông dân xã", "Hội Cựu chiến binh xã", "Công an xã", "Ban Chỉ huy Quân sự xã", "Văn phòng Đảng ủy",
                 "Ban Tuyên giáo", "Ủy ban Kiểm tra Đảng ủy", "Trạm Y tế xã", "Trường THCS Bắc Sơn", "Trường Tiểu học Bắc Sơn",
                 "Hợp tác xã Nông nghiệp"]
        for i in 1...24 { u.append("Chi bộ thôn \(i)") }
        return u
    }()
    static let titles = [
        "Về việc chỉ đạo tổ chức hội nghị tổng kết công tác năm",
        "Về việc tăng cường công tác phòng, chống dịch bệnh trên địa bàn xã",
        "Kế hoạch tổ chức các hoạt động kỷ niệm ngày thành lập Đảng Cộng sản Việt Nam",
        "Thông báo kết luận của Ban Thường vụ tại cuộc họp giao ban tháng",
        "Về việc triển khai thực hiện Nghị quyết của Ban Chấp hành Trung ương",
        "Về việc kiểm tra, rà soát và hoàn thiện hồ sơ đảng viên",
        "Chỉ thị về lãnh đạo công tác phòng, chống thiên tai và tìm kiếm cứu nạn",
        "Về việc đẩy mạnh xây dựng nông thôn mới nâng cao, nông thôn mới kiểu mẫu",
    ]
    static let sentences = [
        "Tổng kết thực hiện nhiệm vụ năm: đánh giá kết quả các mục tiêu, nhiệm vụ gắn với chỉ tiêu Nghị quyết, đề ra phương hướng, nhiệm vụ, giải pháp năm tới",
        "Chỉ đạo tăng cường tuyên truyền, vận động nhân dân chấp hành nghiêm các chủ trương của Đảng, chính sách, pháp luật của Nhà nước",
        "Rà soát, báo cáo danh sách đảng viên được miễn sinh hoạt, đảng viên chuyển sinh hoạt tạm thời về Văn phòng Đảng ủy",
        "Xây dựng kế hoạch và tổ chức thực hiện; định kỳ báo cáo kết quả về Thường trực Đảng ủy (qua Văn phòng Đảng ủy)",
        "Chuẩn bị đầy đủ nhân lực, cơ sở vật chất; phân công cụ thể cán bộ phụ trách, bảo đảm an toàn, tiết kiệm, hiệu quả",
        "Tăng cường kiểm tra, giám sát; kịp thời phát hiện, chấn chỉnh những hạn chế, thiếu sót và đề xuất biện pháp khắc phục",
        "Phối hợp với các ngành liên quan tổ chức hội nghị, bảo đảm đúng thành phần, nội dung và thời gian quy định",
    ]
    static let reasons = ["Theo đề nghị của đơn vị", "Điều chỉnh theo kế hoạch của cấp trên", "Gia hạn do ảnh hưởng thời tiết",
                          "Báo cáo chưa đạt yêu cầu, đề nghị bổ sung", "Lùi thời hạn theo kết luận của Thường trực"]
    static let steps = ["before-7d", "before-3d", "before-1d", "due", "overdue-1", "overdue-3", "overdue-7", "overdue-14"]

    func makeDirective(number d: Int, at: Int64, rng: inout SplitMix) -> Directive {
        let zone = LogGenerator.zone
        let issueDate = zone.date(of: Instant(secondsSinceEpoch: at)).adding(days: -rng.int(0...3))
        let kind = rng.pick(LogGenerator.kinds)
        let number = "\(d + 1)-\(kind)/ĐU"
        var tasks: [Directive.Task] = []
        var recipients: [String] = []
        for t in 0..<tasksPerDirective {
            var assignees: [String] = []
            let want = rng.int(2...4)
            while assignees.count < want {
                let u = rng.pick(LogGenerator.units)
                if !assignees.contains(u) { assignees.append(u) }
            }
            for u in assignees where !recipients.contains(u) { recipients.append(u) }
            var due: Due?
            if rng.chance(0.75) {
                let day = issueDate.adding(days: rng.int(14...90))
                due = Due(instant: zone.instant(day), phrase: "xong trước ngày \(day.dayMonthYear)")
            }
            let text = rng.pick(LogGenerator.sentences) + (rng.chance(0.5) ? "; " + rng.pick(LogGenerator.sentences).lowercased() : "") + "."
            tasks.append(Directive.Task(id: "\(t + 1)", text: text, assignees: assignees, due: due))
        }
        return Directive(id: "\(number)-\(issueDate.year)", number: number, issuer: rng.pick(LogGenerator.issuers),
                         issuedOn: issueDate, title: "\(rng.pick(LogGenerator.titles)) \(issueDate.year)",
                         recipients: recipients, tasks: tasks)
    }

    // MARK: follow-up events

    /// What happens after a directive is issued, in order, without times yet.
    enum Item {
        case remind(task: String, unit: String, step: String)
        case complete(task: String, unit: String, noted: Bool)
        case reopen(task: String, unit: String)
        case extend(task: String, unit: String?)
        case revoke
    }

    func followUpPlan(for directive: Directive, budget: Int, rng: inout SplitMix) -> [Item] {
        struct Slot { var task: String; var unit: String; var done = false; var step = 0 }
        var slots: [Slot] = directive.tasks.flatMap { t in t.assignees.map { Slot(task: t.id, unit: $0) } }
        var plan: [Item] = []
        plan.reserveCapacity(budget)
        let revoke = budget > 0 && rng.chance(revokeRate)
        for _ in 0..<(revoke ? budget - 1 : budget) {
            if rng.chance(rejectRate) {
                // A deliberate mistake: replay reports it and skips it.
                if let done = slots.first(where: \.done) {
                    plan.append(.complete(task: done.task, unit: done.unit, noted: false))
                } else {
                    plan.append(.complete(task: slots[0].task, unit: "Đơn vị không được giao", noted: false))
                }
                continue
            }
            var chosen: Item?
            for _ in 0..<8 {
                let i = rng.int(0..<slots.count)
                let r = Double(rng.next() >> 11) / Double(1 << 53)
                if !slots[i].done {
                    if r < 0.80 {
                        let s = slots[i].step
                        let step = s < LogGenerator.steps.count ? LogGenerator.steps[s] : "overdue-\(14 + 7 * (s - LogGenerator.steps.count + 1))"
                        slots[i].step += 1
                        chosen = .remind(task: slots[i].task, unit: slots[i].unit, step: step)
                    } else if r < 0.92 {
                        slots[i].done = true
                        chosen = .complete(task: slots[i].task, unit: slots[i].unit, noted: rng.chance(0.3))
                    } else {
                        chosen = extend(&slots, i, rng: &rng)
                    }
                } else if r < 0.10 {
                    slots[i].done = false
                    slots[i].step = 0
                    chosen = .reopen(task: slots[i].task, unit: slots[i].unit)
                }
                if chosen != nil { break }
            }
            plan.append(chosen ?? extend(&slots, rng.int(0..<slots.count), rng: &rng))
        }
        if revoke { plan.append(.revoke) }
        return plan

        func extend(_ slots: inout [Slot], _ i: Int, rng: inout SplitMix) -> Item {
            if rng.chance(0.5) {
                let task = slots[i].task
                for k in slots.indices where slots[k].task == task { slots[k].step = 0 }
                return .extend(task: task, unit: nil)
            }
            slots[i].step = 0
            return .extend(task: slots[i].task, unit: slots[i].unit)
        }
    }

    struct Pending {
        var time: Int64
        var seq: Int
        var directive: Directive
        var issuedAt: Int64
        var item: Item

        /// The event, now that its recorded time is known.
        func materialise(at: Int64, rng: inout SplitMix) -> Event {
            let zone = LogGenerator.zone
            let id = directive.id
            let body: Event.Body
            var actor = rng.pick(LogGenerator.clerks)
            switch item {
            case .remind(let task, let unit, let step):
                actor = "hanchotd"
                body = .reminderSent(ReminderSent(directive: id, task: task, unit: unit, step: step,
                                                  plannedAt: Instant(secondsSinceEpoch: at - Int64(rng.int(0..<900))),
                                                  sentAt: Instant(secondsSinceEpoch: at)))
            case .complete(let task, let unit, let noted):
                let when = max(issuedAt, at - Int64(rng.int(0..<(2 * 86_400))))
                body = .taskCompleted(Completion(directive: id, task: task, unit: unit,
                                                 completedAt: Instant(secondsSinceEpoch: when),
                                                 note: noted ? "Đã gửi báo cáo số \(rng.int(1...300))-BC kèm theo" : nil))
            case .reopen(let task, let unit):
                body = .taskReopened(Reopening(directive: id, task: task, unit: unit,
                                               reason: rng.pick(LogGenerator.reasons)))
            case .extend(let task, let unit):
                let day = zone.date(of: Instant(secondsSinceEpoch: at)).adding(days: rng.int(7...45))
                body = .deadlineChanged(DeadlineChange(directive: id, task: task, unit: unit,
                                                       due: Due(instant: zone.instant(day), phrase: "xong trước ngày \(day.dayMonthYear)"),
                                                       reason: rng.pick(LogGenerator.reasons)))
            case .revoke:
                body = .directiveRevoked(Revocation(directive: id, reason: "Thay thế bằng văn bản mới"))
            }
            return Event(id: rng.uuid(), recordedAt: Instant(secondsSinceEpoch: at), actor: actor, body: body)
        }
    }
}

/// A binary min-heap of pending events, by (time, sequence).
struct PendingHeap {
    private var items: [LogGenerator.Pending] = []

    var peek: LogGenerator.Pending? { items.first }

    private func less(_ a: Int, _ b: Int) -> Bool {
        (items[a].time, items[a].seq) < (items[b].time, items[b].seq)
    }

    mutating func push(_ p: LogGenerator.Pending) {
        items.append(p)
        var i = items.count - 1
        while i > 0 {
            let parent = (i - 1) / 2
            guard less(i, parent) else { break }
            items.swapAt(i, parent)
            i = parent
        }
    }

    mutating func pop() -> LogGenerator.Pending? {
        guard !items.isEmpty else { return nil }
        items.swapAt(0, items.count - 1)
        let top = items.removeLast()
        var i = 0
        while true {
            let l = 2 * i + 1, r = l + 1
            var m = i
            if l < items.count, less(l, m) { m = l }
            if r < items.count, less(r, m) { m = r }
            if m == i { break }
            items.swapAt(i, m)
            i = m
        }
        return top
    }
}
