import Foundation
import Testing

@Suite("hanchot calendar --holidays")
struct CalendarHolidaysTests {
    @Test("2024: the official days off with reason and source, the Saturday worked, in Vietnamese")
    func year2024() throws {
        let s = try Sandbox()
        s.lang = "vi"
        let r = try s.ok(["calendar", "--holidays", "2024"])
        let lines = r.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first == "Ngày nghỉ năm 2024 theo lịch chính thức", "\(r.stdout)")
        #expect(lines.contains { $0.hasPrefix("  29/04/2024  T2  Nghỉ hoán đổi dịp 30/4 – 1/5 (làm bù thứ Bảy 04/05/2024)  [") })
        #expect(lines.contains { $0.hasPrefix("  08/02/2024  T5  Tết Nguyên Đán (29 tháng Chạp)  [") })
        #expect(lines.contains { $0.hasPrefix("  03/09/2024  T3  Quốc khánh (ngày liền kề)  [") })
        #expect(lines.contains("Ngày làm bù (cuối tuần đi làm):"))
        #expect(lines.contains { $0.hasPrefix("  04/05/2024  T7  Làm bù cho thứ Hai 29/04/2024  [") })
        #expect(lines.contains { $0.hasSuffix("] Thông báo 5015/TB-LĐTBXH ngày 22/11/2023 (Bộ LĐTB&XH)") })
        #expect(lines.contains { $0.contains("Công văn 2450/VPCP-KGVX") })
        #expect(lines.last == "Cộng: 12 ngày nghỉ vào ngày thường, 1 ngày cuối tuần đi làm.")
        // The number after each day is the index of its source.
        let sources = lines.drop { $0 != "Nguồn:" }.dropFirst()
        let swap = try #require(lines.first { $0.hasPrefix("  29/04/2024") })
        let n = try #require(swap.split(separator: "[").last?.dropLast())
        #expect(sources.contains { $0.hasPrefix("  [\(n)] Công văn 2450/VPCP-KGVX") }, "\(r.stdout)")
    }

    @Test("a year after the official schedule says it falls back to the rule")
    func ruleYear() throws {
        let s = try Sandbox()
        let r = try s.ok(["calendar", "--holidays", "2027"])
        #expect(r.stdout.hasPrefix("Days off in 2027, computed by the rule\n2027 is not in the official schedule (2018 to 2026)"), "\(r.stdout)")
        #expect(r.stdout.contains("  24/11/2027  Wed Ngày Văn hóa Việt Nam  ["))
        #expect(!r.stdout.contains("Weekend days worked"))
    }

    @Test("--json, and [calendar] in the config still wins over the official days")
    func jsonAndConfig() throws {
        let s = try Sandbox()
        try s.write("hanchot.toml", "[locale]\ntimezone = \"Asia/Ho_Chi_Minh\"\n[calendar]\ndays_off = [\"2025-04-26\"]\n")
        let r = try s.ok(["calendar", "--holidays", "2025", "--json"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        #expect(object["schedule"] as? String == "official")
        #expect(object["latestOfficialYear"] as? Int == 2026)
        let off = try #require(object["daysOff"] as? [[String: Any]])
        let swap = try #require(off.first { $0["date"] as? String == "2025-05-02" })
        #expect(swap["weekday"] as? String == "Fri")
        #expect((swap["source"] as? String)?.contains("6150/TB-LĐTBXH") == true)
        // Saturday 26/4 was the làm bù day; the config declares it off.
        let configured = try #require(off.first { $0["date"] as? String == "2025-04-26" })
        #expect(configured["source"] as? String == "[calendar] days_off")
        #expect((object["workingDays"] as? [Any])?.isEmpty == true)
    }

    @Test("bad years and --month with --holidays are refused")
    func badInput() throws {
        let s = try Sandbox()
        for args in [["--holidays", "24"], ["--holidays", "2200"], ["--holidays", "2024", "--month", "2024-01"]] {
            let r = try s.run(["calendar"] + args)
            #expect(r.status != 0, "\(args): \(r)")
            #expect(r.stderr.contains("--holidays"), "\(args): \(r)")
        }
    }
}
