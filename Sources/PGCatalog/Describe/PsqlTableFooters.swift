/// The footers psql prints for tables, between the column table and the triggers: indexes, check
/// constraints, foreign keys both ways, policies, statistics objects, rules and publications.
struct PsqlTableFooters {
    let description: RelationDescription

    func lines() -> [String] {
        indexLines() + checkLines() + foreignKeyLines() + referencedByLines() + policyLines()
            + statisticsLines() + ruleLines() + publicationLines()
    }

    private func indexLines() -> [String] {
        guard !description.indexes.isEmpty else { return [] }
        return ["Indexes:"] + description.indexes.map(indexLine)
    }

    private func indexLine(_ index: RelationDescription.IndexSummary) -> String {
        var text = "    \"\(index.name)\""
        if index.constraintType == .exclusion {
            text += " \(index.constraintDefinition ?? "")"
        } else {
            if index.isPrimary {
                text += " PRIMARY KEY,"
            } else if index.isUnique {
                text += index.constraintType == .unique ? " UNIQUE CONSTRAINT," : " UNIQUE,"
            }
            text += " \(index.methodAndColumns)"
            if index.deferrable { text += " DEFERRABLE" }
            if index.initiallyDeferred { text += " INITIALLY DEFERRED" }
        }
        if index.isClustered { text += " CLUSTER" }
        if !index.isValid { text += " INVALID" }
        if index.isReplicaIdentity { text += " REPLICA IDENTITY" }
        if let tablespace = index.tablespace { text += ", tablespace \"\(tablespace)\"" }
        return text
    }

    private func checkLines() -> [String] {
        guard !description.checkConstraints.isEmpty else { return [] }
        return ["Check constraints:"] + description.checkConstraints.map { "    \"\($0.name)\" \($0.definition)" }
    }

    private func foreignKeyLines() -> [String] {
        guard !description.foreignKeys.isEmpty else { return [] }
        return ["Foreign-key constraints:"] + description.foreignKeys.map { key in
            key.isInherited
                ? "    TABLE \"\(key.table)\" CONSTRAINT \"\(key.name)\" \(key.definition)"
                : "    \"\(key.name)\" \(key.definition)"
        }
    }

    private func referencedByLines() -> [String] {
        guard !description.referencedBy.isEmpty else { return [] }
        return ["Referenced by:"] + description.referencedBy.map {
            "    TABLE \"\($0.table)\" CONSTRAINT \"\($0.name)\" \($0.definition)"
        }
    }

    private func policyLines() -> [String] {
        let security = description.rowSecurity
        let policies = description.policies
        var lines: [String] = []
        switch (security.enabled, security.forced, policies.isEmpty) {
        case (true, false, false): lines.append("Policies:")
        case (true, true, false): lines.append("Policies (forced row security enabled):")
        case (true, false, true): lines.append("Policies (row security enabled): (none)")
        case (true, true, true): lines.append("Policies (forced row security enabled): (none)")
        case (false, _, false): lines.append("Policies (row security disabled):")
        case (false, _, true): break
        }
        for policy in policies {
            var text = "    POLICY \"\(policy.name)\""
            if !policy.permissive { text += " AS RESTRICTIVE" }
            if let command = policy.command { text += " FOR \(command)" }
            if let roles = policy.roles { text += "\n      TO \(roles.joined(separator: ","))" }
            if let using = policy.using { text += "\n      USING (\(using))" }
            if let check = policy.withCheck { text += "\n      WITH CHECK (\(check))" }
            lines.append(text)
        }
        return lines
    }

    private func statisticsLines() -> [String] {
        guard !description.statisticsObjects.isEmpty else { return [] }
        return ["Statistics objects:"] + description.statisticsObjects.map(statisticsLine)
    }

    /// Servers 14 and later can have expression statistics: psql then lists the kinds only when some,
    /// but not all, were asked for. Older servers always list them.
    private func statisticsLine(_ object: RelationDescription.StatisticsObject) -> String {
        var kinds: [String] = []
        if object.ndistinct { kinds.append("ndistinct") }
        if object.dependencies { kinds.append("dependencies") }
        if object.mcv { kinds.append("mcv") }
        var text = "    \"\(object.schema).\(object.name)\""
        if description.serverVersionNumber >= 140000 {
            if !kinds.isEmpty && kinds.count < 3 { text += " (\(kinds.joined(separator: ", ")))" }
            text += " ON \(object.columns) FROM \(object.table)"
        } else {
            text += " (\(kinds.joined(separator: ", "))) ON \(object.columns) FROM \(object.table)"
        }
        if let target = object.statisticsTarget {
            if target != -1 { text += "; STATISTICS \(target)" }
        } else if description.serverVersionNumber >= 170000 {
            // Servers 17 and later store the default target as NULL, which psql 15 (written when it
            // was -1) prints as an empty target.
            text += "; STATISTICS "
        }
        return text
    }

    private func ruleLines() -> [String] {
        guard description.kind != .materializedView else { return [] }
        let categories = [("O", "Rules:"), ("D", "Disabled rules:"), ("A", "Rules firing always:"), ("R", "Rules firing on replica only:")]
        var lines: [String] = []
        for (firing, heading) in categories {
            let members = description.rules.filter { $0.firing == firing }
            guard !members.isEmpty else { continue }
            lines.append(heading)
            // "CREATE RULE " is 12 characters; psql prints what follows.
            lines += members.map { "    \($0.definition.dropFirst(12))" }
        }
        return lines
    }

    private func publicationLines() -> [String] {
        guard !description.publications.isEmpty else { return [] }
        return ["Publications:"] + description.publications.map { publication in
            var text = "    \"\(publication.name)\""
            if let columns = publication.columns { text += " (\(columns))" }
            if let filter = publication.rowFilter { text += " WHERE \(filter)" }
            return text
        }
    }
}
