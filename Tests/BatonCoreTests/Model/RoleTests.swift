import BatonCore
import Testing

@Suite struct RoleTests {
    @Test(arguments: Role.allCases)
    func adminGrantsEverything(required: Role) {
        #expect(Role.admin.grants(required))
    }

    @Test(arguments: Role.allCases)
    func everyRoleGrantsItself(role: Role) {
        #expect(role.grants(role))
    }

    @Test func analystGrantsViewerButNotIngestOrAdmin() {
        #expect(Role.analyst.grants(.viewer))
        #expect(Role.analyst.grants(.analyst))
        #expect(!Role.analyst.grants(.ingest))
        #expect(!Role.analyst.grants(.admin))
    }

    @Test func viewerGrantsOnlyViewer() {
        #expect(!Role.viewer.grants(.analyst))
        #expect(!Role.viewer.grants(.ingest))
        #expect(!Role.viewer.grants(.admin))
    }

    @Test func ingestGrantsOnlyIngest() {
        #expect(Role.ingest.grants(.ingest))
        #expect(!Role.ingest.grants(.viewer))
        #expect(!Role.ingest.grants(.analyst))
        #expect(!Role.ingest.grants(.admin))
    }

    @Test func fullMatrix() {
        // Rows: holder; columns: required (ingest, analyst, viewer, admin).
        let expected: [Role: [Role: Bool]] = [
            .ingest: [.ingest: true, .analyst: false, .viewer: false, .admin: false],
            .analyst: [.ingest: false, .analyst: true, .viewer: true, .admin: false],
            .viewer: [.ingest: false, .analyst: false, .viewer: true, .admin: false],
            .admin: [.ingest: true, .analyst: true, .viewer: true, .admin: true],
        ]
        for holder in Role.allCases {
            for required in Role.allCases {
                #expect(holder.grants(required) == expected[holder]?[required], "\(holder) → \(required)")
            }
        }
    }

    @Test func rawValuesAndAllowedValues() {
        #expect(Role(rawValue: "analyst") == .analyst)
        #expect(Role(rawValue: "Admin") == nil)
        #expect(Role.allowedValues == "ingest, analyst, viewer, admin")
    }
}
