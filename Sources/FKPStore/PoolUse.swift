import NIOConcurrencyHelpers
import PostgresNIO

/// How a process uses its connection pool right now: connections leased, requests waiting for
/// one. Read by /metrics; written by every `Database` operation.
public final class PoolUse: Sendable {
    public struct Figures: Sendable, Equatable {
        public var leased = 0
        public var waiting = 0
    }

    private let figures = NIOLockedValueBox(Figures())

    public init() {}

    public var current: Figures { figures.withLockedValue { $0 } }

    func update(_ change: (inout Figures) -> Void) {
        figures.withLockedValue { change(&$0) }
    }
}

/// One operation's claim on the pool: waiting, then holding a connection, or given up on.
final class ConnectionLease: Sendable {
    private enum Phase { case waiting, holding, expired, ended }

    private let phase = NIOLockedValueBox(Phase.waiting)
    private let poolUse: PoolUse

    init(poolUse: PoolUse) {
        self.poolUse = poolUse
        poolUse.update { $0.waiting += 1 }
    }

    var hasBegun: Bool { phase.withLockedValue { $0 == .holding || $0 == .ended } }

    /// The operation holds `connection`; it must not go on when the wait was already given up, nor
    /// on a connection that has closed: PostgresNIO (1.33) never answers a query written to a
    /// closed channel, so a connection lost as the database went down would hold the request forever.
    func began(on connection: PostgresConnection) throws {
        if connection.isClosed {
            _ = expireIfWaiting()
            throw DatabaseUnavailable(reason: "the connection closed as it was handed over")
        }
        let wasWaiting = phase.withLockedValue { phase -> Bool in
            guard phase == .waiting else { return false }
            phase = .holding
            return true
        }
        guard wasWaiting else { throw CancellationError() }
        poolUse.update { $0.waiting -= 1; $0.leased += 1 }
    }

    /// True when the operation was still waiting for a connection: it is then given up.
    func expireIfWaiting() -> Bool {
        let expired = phase.withLockedValue { phase -> Bool in
            guard phase == .waiting else { return false }
            phase = .expired
            return true
        }
        if expired { poolUse.update { $0.waiting -= 1 } }
        return expired
    }

    func ended() {
        let previous = phase.withLockedValue { phase -> Phase in
            defer { phase = .ended }
            return phase
        }
        switch previous {
        case .waiting: poolUse.update { $0.waiting -= 1 }
        case .holding: poolUse.update { $0.leased -= 1 }
        case .expired, .ended: break
        }
    }
}
