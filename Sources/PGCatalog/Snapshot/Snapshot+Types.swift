extension Snapshot {
    /// An enum type.
    public struct EnumType: Codable, Sendable, Equatable {
        /// The type's schema, unquoted.
        public var schema: String
        /// The type's name, unquoted.
        public var name: String
        /// The labels in sort order.
        public var labels: [String]
        /// The owning role.
        public var owner: String
        /// Privileges (`aclitem` text, sorted); nil when it has its default privileges.
        public var acl: [String]?
        /// `COMMENT ON TYPE`.
        public var comment: String?

        /// Creates an enum type.
        public init(schema: String, name: String, labels: [String], owner: String, acl: [String]? = nil, comment: String? = nil) {
            self.schema = schema
            self.name = name
            self.labels = labels
            self.owner = owner
            self.acl = acl
            self.comment = comment
        }
    }

    /// A domain: a base type with optional constraints.
    public struct Domain: Codable, Sendable, Equatable {
        /// The domain's schema, unquoted.
        public var schema: String
        /// The domain's name, unquoted.
        public var name: String
        /// The underlying type as `format_type` prints it.
        public var baseType: String
        /// `NOT NULL`.
        public var notNull: Bool
        /// The `DEFAULT` expression.
        public var `default`: String?
        /// The collation, only when not the base type's default.
        public var collation: String?
        /// `CHECK` constraints by name.
        public var constraints: [String: DomainConstraint]
        /// The owning role.
        public var owner: String
        /// Privileges (`aclitem` text, sorted); nil when it has its default privileges.
        public var acl: [String]?
        /// `COMMENT ON DOMAIN`.
        public var comment: String?

        /// Creates a domain.
        public init(
            schema: String, name: String, baseType: String, notNull: Bool = false, default: String? = nil,
            collation: String? = nil, constraints: [String: DomainConstraint] = [:], owner: String,
            acl: [String]? = nil, comment: String? = nil
        ) {
            self.schema = schema
            self.name = name
            self.baseType = baseType
            self.notNull = notNull
            self.default = `default`
            self.collation = collation
            self.constraints = constraints
            self.owner = owner
            self.acl = acl
            self.comment = comment
        }
    }

    /// A domain's `CHECK` constraint.
    public struct DomainConstraint: Codable, Sendable, Equatable {
        /// The definition as `pg_get_constraintdef` prints it, e.g. `CHECK (VALUE > 0)`.
        public var definition: String
        /// False for a constraint added `NOT VALID` and not yet validated.
        public var validated: Bool
        /// `COMMENT ON CONSTRAINT ... ON DOMAIN`.
        public var comment: String?

        /// Creates a domain constraint.
        public init(definition: String, validated: Bool = true, comment: String? = nil) {
            self.definition = definition
            self.validated = validated
            self.comment = comment
        }
    }

    /// A stand-alone composite type.
    public struct CompositeType: Codable, Sendable, Equatable {
        /// The type's schema, unquoted.
        public var schema: String
        /// The type's name, unquoted.
        public var name: String
        /// The attributes by name.
        public var attributes: [String: CompositeAttribute]
        /// The owning role.
        public var owner: String
        /// Privileges (`aclitem` text, sorted); nil when it has its default privileges.
        public var acl: [String]?
        /// `COMMENT ON TYPE`.
        public var comment: String?

        /// Creates a composite type.
        public init(schema: String, name: String, attributes: [String: CompositeAttribute], owner: String, acl: [String]? = nil, comment: String? = nil) {
            self.schema = schema
            self.name = name
            self.attributes = attributes
            self.owner = owner
            self.acl = acl
            self.comment = comment
        }
    }

    /// An attribute of a composite type.
    public struct CompositeAttribute: Codable, Sendable, Equatable {
        /// 1-based position among the live attributes.
        public var position: Int
        /// The attribute's name, unquoted.
        public var name: String
        /// The type as `format_type` prints it.
        public var type: String
        /// The collation, only when not the type's default.
        public var collation: String?
        /// `COMMENT ON COLUMN`.
        public var comment: String?

        /// Creates a composite attribute.
        public init(position: Int, name: String, type: String, collation: String? = nil, comment: String? = nil) {
            self.position = position
            self.name = name
            self.type = type
            self.collation = collation
            self.comment = comment
        }
    }
}
