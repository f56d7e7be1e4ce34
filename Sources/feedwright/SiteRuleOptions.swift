import ArgumentParser
import Extraction
import Foundation
import Pipeline

/// `--site-rules`, shared by every command that extracts articles.
struct SiteRuleOptions: ParsableArguments {
    @Option(name: .customLong("site-rules"), help: ArgumentHelp(
        "A directory of ftr-site-config rule files; repeat for several (later ones win). Default: the workspace's site-rules/ when it exists (see `feedwright rules update`).",
        valueName: "dir"))
    var directories: [String] = []

    /// The rules the options name, else the workspace's directory when it exists; nil when
    /// there are none, so that pages are read by the generic extractor alone.
    func library(workspace: Workspace) -> SiteRuleLibrary? {
        var chosen = directories.map { URL(fileURLWithPath: $0) }
        if chosen.isEmpty {
            guard FileManager.default.fileExists(atPath: workspace.siteRulesDirectory) else { return nil }
            chosen = [URL(fileURLWithPath: workspace.siteRulesDirectory)]
        }
        return SiteRuleLibrary(directories: chosen)
    }
}
