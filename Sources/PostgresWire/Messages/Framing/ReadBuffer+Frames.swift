extension ReadBuffer {
    /// The first complete message in the buffer, reading from `stream` until one is there.
    ///
    /// The one framing loop shared by the startup exchange and by established connections. The frame is a
    /// view into this buffer, valid until the next read; consume it with ``consume(_:)``.
    /// - Parameter closed: the error for a server that hangs up before the message is complete.
    @inline(__always)
    func nextFrame(using framer: MessageFramer, from stream: any ByteStream, closed: @autoclosure () -> ClientError) throws -> MessageFrame {
        while true {
            if let frame = try framer.nextFrame(in: readableBytes) { return frame }
            let count = try stream.read(into: prepareForWrite())
            guard count > 0 else { throw closed() }
            didWrite(count)
        }
    }
}
