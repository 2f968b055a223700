import FKPCore
import FKPStore
import NIOConcurrencyHelpers
import NIOCore

/// Review pages as rendered, kept while nothing they show has changed. A page asked for again (a
/// reload, the way back from a family's page, a second screen following the list, a closed
/// forum's lists read by its regency's staff) then costs the session's one read instead of reading
/// the forum, the rows and added families and writing 300 KB of markup.
///
/// An entry is one person's view: it is found only by the same session (whose CSRF token its forms
/// carry), the same person with the same assignments, the same address (path and query) and the
/// same language, and it is served only while the forum's `ForumDataStamp` is the one it was
/// rendered under (the chains' heads, read with the session: SessionRead; the forum read for the
/// page is kept with it). Pages of the list as it stood at a moment are not kept. The oldest
/// entries go first when the cache is full; each slot keeps its latest page only.
final class ReviewPageCache: Sendable {
    struct Slot: Hashable, Sendable {
        let address: String
        let language: Language
        let principal: Principal
        let csrf: String
    }

    /// A page, and the forum as it was read for it (current as long as the stamp is).
    struct Kept: Sendable {
        let forum: ForumSummary
        let body: ByteBuffer
        /// The same page compressed (GzippedPage), once a request for it accepted gzip.
        let gzipped: ByteBuffer?

        var bytes: Int { body.readableBytes + (gzipped?.readableBytes ?? 0) }
    }

    private struct Entry {
        let stamp: ForumDataStamp
        let kept: Kept
        let serial: UInt64
    }

    private struct State {
        var entries: [Slot: Entry] = [:]
        var bytes = 0
        var serial: UInt64 = 0
        /// Slots in the order their pages were kept; an element whose serial no longer matches its
        /// entry was replaced since.
        var order: [(slot: Slot, serial: UInt64)] = []
        var orderStart = 0
    }

    private let state = NIOLockedValueBox(State())
    /// In bytes of pages kept; 0 keeps none.
    let capacity: Int
    private let metrics: ServerMetrics

    init(capacity: Int, metrics: ServerMetrics) {
        self.capacity = capacity
        self.metrics = metrics
    }

    /// The page kept for `slot`, when it was rendered under `stamp`.
    func page(_ slot: Slot, stamp: ForumDataStamp) -> Kept? {
        guard capacity > 0 else { return nil }
        let kept = state.withLockedValue { state in
            state.entries[slot].flatMap { $0.stamp == stamp ? $0.kept : nil }
        }
        metrics.reviewPageLookup(found: kept != nil)
        return kept
    }

    func keep(_ kept: Kept, for slot: Slot, stamp: ForumDataStamp) {
        guard kept.bytes <= capacity else { return }
        state.withLockedValue { state in
            state.serial += 1
            let entry = Entry(stamp: stamp, kept: kept, serial: state.serial)
            if let old = state.entries.updateValue(entry, forKey: slot) {
                state.bytes -= old.kept.bytes
            }
            state.bytes += kept.bytes
            state.order.append((slot, state.serial))
            while state.bytes > capacity, state.orderStart < state.order.count {
                let oldest = state.order[state.orderStart]
                state.orderStart += 1
                if let entry = state.entries[oldest.slot], entry.serial == oldest.serial {
                    state.entries[oldest.slot] = nil
                    state.bytes -= entry.kept.bytes
                }
            }
            // Now and then, drop what was evicted or replaced from the order, so it stays in
            // proportion to the entries (a page replaced at every reload adds to it each time).
            if state.order.count - state.orderStart > 2 * state.entries.count + 1024 {
                let entries = state.entries
                state.order = state.order[state.orderStart...].filter { entries[$0.slot]?.serial == $0.serial }
                state.orderStart = 0
            }
        }
    }

    /// Pages kept and the bytes they hold (for tests).
    var occupancy: (pages: Int, bytes: Int) { state.withLockedValue { ($0.entries.count, $0.bytes) } }
}
