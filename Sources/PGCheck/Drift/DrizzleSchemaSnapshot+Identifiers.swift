extension DrizzleSchemaSnapshot {
    /// The longest identifier PostgreSQL keeps (`NAMEDATALEN - 1` bytes); longer names are truncated.
    public static let identifierLimit = 63

    /// `name` as PostgreSQL stores it: cut to 63 bytes on a character boundary, as the server's
    /// `truncate_identifier` does. drizzle-kit writes the name it generated
    /// (`deployment_previewDeploymentId_preview_deployments_previewDeploymentId_fk`); the catalog has the cut one.
    public static func storedName(_ name: String) -> String {
        guard name.utf8.count > identifierLimit else { return name }
        var result = ""
        var bytes = 0
        for character in name {
            let size = String(character).utf8.count
            if bytes + size > identifierLimit { break }
            bytes += size
            result.append(character)
        }
        return result
    }

    /// The snapshot with every identifier as PostgreSQL stores it.
    public func withStoredNames() -> DrizzleSchemaSnapshot {
        let cut = Self.storedName
        var copy = self
        copy.tables = [:]
        for table in tables.values {
            var t = table
            t.schema = cut(t.schema)
            t.name = cut(t.name)
            t.columns = t.columns.map { column in
                var c = column
                c.name = cut(c.name)
                c.typeSchema = c.typeSchema.map(cut)
                return c
            }
            t.indexes = Dictionary(t.indexes.values.map { index in
                var i = index
                i.name = cut(i.name)
                i.columns = i.columns.map { key in
                    var k = key
                    if !k.isExpression { k.expression = cut(k.expression) }
                    return k
                }
                return (i.name, i)
            }, uniquingKeysWith: { first, _ in first })
            t.foreignKeys = Dictionary(t.foreignKeys.values.map { fk in
                var f = fk
                f.name = cut(f.name)
                f.columnsFrom = f.columnsFrom.map(cut)
                f.columnsTo = f.columnsTo.map(cut)
                f.tableTo = cut(f.tableTo)
                f.schemaTo = cut(f.schemaTo)
                return (f.name, f)
            }, uniquingKeysWith: { first, _ in first })
            func keys(_ constraints: [String: KeyConstraint]) -> [String: KeyConstraint] {
                Dictionary(constraints.values.map { constraint in
                    var k = constraint
                    k.name = cut(k.name)
                    k.columns = k.columns.map(cut)
                    return (k.name, k)
                }, uniquingKeysWith: { first, _ in first })
            }
            t.compositePrimaryKeys = keys(t.compositePrimaryKeys)
            t.uniqueConstraints = keys(t.uniqueConstraints)
            t.checkConstraints = Dictionary(t.checkConstraints.map { (cut($0.key), $0.value) }, uniquingKeysWith: { first, _ in first })
            t.policies = Dictionary(t.policies.values.map { policy in
                var p = policy
                p.name = cut(p.name)
                return (p.name, p)
            }, uniquingKeysWith: { first, _ in first })
            copy.tables["\(t.schema).\(t.name)"] = t
        }
        copy.enums = Dictionary(enums.values.map { item in
            var e = item
            (e.schema, e.name) = (cut(e.schema), cut(e.name))
            return ("\(e.schema).\(e.name)", e)
        }, uniquingKeysWith: { first, _ in first })
        copy.sequences = Dictionary(sequences.values.map { item in
            var s = item
            (s.schema, s.name) = (cut(s.schema), cut(s.name))
            return ("\(s.schema).\(s.name)", s)
        }, uniquingKeysWith: { first, _ in first })
        copy.views = Dictionary(views.values.map { item in
            var v = item
            (v.schema, v.name) = (cut(v.schema), cut(v.name))
            return ("\(v.schema).\(v.name)", v)
        }, uniquingKeysWith: { first, _ in first })
        copy.schemas = Set(schemas.map(cut))
        return copy
    }
}
