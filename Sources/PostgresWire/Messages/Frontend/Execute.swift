/// Execute: runs a portal, returning at most `maxRows` rows (0 = all) before PortalSuspended.
public struct Execute: FrontendMessage, Equatable {
    /// The portal to run; "" is the unnamed portal.
    public var portal: String
    /// The row limit; 0 means no limit.
    public var maxRows: Int32

    /// Creates the message.
    public init(portal: String = "", maxRows: Int32 = 0) {
        self.portal = portal
        self.maxRows = maxRows
    }

    public func encode(into writer: inout MessageWriter) {
        writer.beginMessage(FrontendMessageType.execute)
        writer.writeCString(portal)
        writer.writeInt32(maxRows)
        writer.finishMessage()
    }
}
