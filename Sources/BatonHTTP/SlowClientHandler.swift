import Logging
import NIOCore
import NIOHTTPTypes

/// Closes connections that send their requests too slowly, so a few clients that trickle bytes
/// (slowloris) cannot hold the server's connections.
///
/// Two deadlines: a connection must send a complete request head within `headerTimeout` of
/// opening or of its last response (so this also ends idle keep-alive connections), and a
/// request's whole body within `bodyTimeout` of its head. Hummingbird's idle timeout alone
/// restarts on every byte, which a slow client defeats.
final class SlowClientHandler: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    private let headerTimeout: TimeAmount
    private let bodyTimeout: TimeAmount
    private let logger: Logger
    private var deadline: Scheduled<Void>?
    /// Requests whose response has not ended yet.
    private var requestsInProgress = 0
    private var readingBody = false

    init(headerTimeout: TimeAmount, bodyTimeout: TimeAmount, logger: Logger) {
        self.headerTimeout = headerTimeout
        self.bodyTimeout = bodyTimeout
        self.logger = logger
    }

    func handlerAdded(context: ChannelHandlerContext) {
        if context.channel.isActive { arm(headerTimeout, phase: "header", context: context) }
    }

    func channelActive(context: ChannelHandlerContext) {
        arm(headerTimeout, phase: "header", context: context)
        context.fireChannelActive()
    }

    func channelInactive(context: ChannelHandlerContext) {
        disarm()
        context.fireChannelInactive()
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        disarm()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head:
            requestsInProgress += 1
            readingBody = true
            arm(bodyTimeout, phase: "body", context: context)
        case .body:
            break
        case .end:
            readingBody = false
            // The response may take as long as it needs; the next head is timed once it is sent.
            disarm()
        }
        context.fireChannelRead(data)
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        if case .end = unwrapOutboundIn(data) {
            requestsInProgress = max(0, requestsInProgress - 1)
            if requestsInProgress == 0 && !readingBody {
                arm(headerTimeout, phase: "header", context: context)
            }
        }
        context.write(data, promise: promise)
    }

    private func arm(_ timeout: TimeAmount, phase: String, context: ChannelHandlerContext) {
        disarm()
        let loopBound = NIOLoopBound((context, logger), eventLoop: context.eventLoop)
        deadline = context.eventLoop.scheduleTask(in: timeout) {
            let (context, logger) = loopBound.value
            logger.info("closing a slow connection", metadata: ["baton.timeout.phase": "\(phase)"])
            context.close(promise: nil)
        }
    }

    private func disarm() {
        deadline?.cancel()
        deadline = nil
    }
}
