extension Snapshot {
    /// A function, procedure, aggregate or window function.
    public struct Function: Codable, Sendable, Equatable {
        /// The function's schema, unquoted.
        public var schema: String
        /// The function's name, unquoted.
        public var name: String
        /// Function, procedure, aggregate or window function.
        public var kind: FunctionKind
        /// The identity arguments as `pg_get_function_identity_arguments` prints them (`p_id uuid, p_n integer`).
        public var arguments: String
        /// The result as `pg_get_function_result` prints it (`bigint`, `TABLE(...)`, `SETOF ...`); absent for procedures.
        public var result: String?
        /// The implementation language (`sql`, `plpgsql`, `c`, `internal`).
        public var language: String
        /// `IMMUTABLE`, `STABLE` or `VOLATILE`.
        public var volatility: Volatility
        /// `STRICT` (`RETURNS NULL ON NULL INPUT`).
        public var strict: Bool
        /// `SECURITY DEFINER`.
        public var securityDefiner: Bool
        /// `PARALLEL SAFE|RESTRICTED|UNSAFE`.
        public var parallel: ParallelSafety
        /// The full `CREATE OR REPLACE` text from `pg_get_functiondef`; absent for aggregates, which it cannot print.
        public var definition: String?
        /// The owning role.
        public var owner: String
        /// Privileges (`aclitem` text, sorted); nil when it has its default privileges.
        public var acl: [String]?
        /// `COMMENT ON FUNCTION`.
        public var comment: String?

        /// Creates a function.
        public init(
            schema: String, name: String, kind: FunctionKind = .function, arguments: String = "", result: String? = nil,
            language: String, volatility: Volatility = .volatile, strict: Bool = false, securityDefiner: Bool = false,
            parallel: ParallelSafety = .unsafe, definition: String? = nil, owner: String, acl: [String]? = nil,
            comment: String? = nil
        ) {
            self.schema = schema
            self.name = name
            self.kind = kind
            self.arguments = arguments
            self.result = result
            self.language = language
            self.volatility = volatility
            self.strict = strict
            self.securityDefiner = securityDefiner
            self.parallel = parallel
            self.definition = definition
            self.owner = owner
            self.acl = acl
            self.comment = comment
        }
    }

    /// What kind of routine (`prokind`).
    public enum FunctionKind: String, Codable, Sendable, Equatable {
        /// A normal function (`f`).
        case function
        /// A procedure (`p`), run with `CALL`.
        case procedure
        /// An aggregate (`a`).
        case aggregate
        /// A window function (`w`).
        case window
    }

    /// `provolatile`.
    public enum Volatility: String, Codable, Sendable, Equatable {
        /// `IMMUTABLE` (`i`).
        case immutable
        /// `STABLE` (`s`).
        case stable
        /// `VOLATILE` (`v`).
        case volatile
    }

    /// `proparallel`.
    public enum ParallelSafety: String, Codable, Sendable, Equatable {
        /// `PARALLEL SAFE` (`s`).
        case safe
        /// `PARALLEL RESTRICTED` (`r`).
        case restricted
        /// `PARALLEL UNSAFE` (`u`).
        case unsafe
    }
}
