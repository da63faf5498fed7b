import ArgumentParser
import Foundation
import Network
import Screening

struct PolicyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "policy",
        abstract: "Print the policy behind `sna propose` as a commented YAML file (the defaults, or --check FILE).",
        discussion: """
        Examples:
          sna policy > policy.yaml        # edit it, then: --policy policy.yaml
          sna policy --check policy.yaml  # validate a policy file, print it
        """
    )

    @Option(name: .long, help: ArgumentHelp("Validate this policy file and print the policy it gives.", valueName: "file"))
    var check: String?

    @Flag(name: .long, help: "Print the keys as a Markdown table (key, default, meaning), as in the README.")
    var markdown = false

    func run() throws {
        try reportingErrors {
            let p = try loadPolicyFile(check)
            FileHandle.standardOutput.write(Data((markdown ? p.markdownTable : p.yaml).utf8))
        }
    }
}
