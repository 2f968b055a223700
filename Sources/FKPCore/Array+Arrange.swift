extension Array {
    /// Rearranges the elements so that position `k` holds the element that was at `order[k]`
    /// (`order` a permutation of the indices), moving each element once and without a second array
    /// of them: a million-family list sorted by its positions is put in order in place.
    mutating func arrange(by order: [Int]) {
        precondition(order.count == count, "one position for each element")
        var placed = [Bool](repeating: false, count: count)
        for start in indices where !placed[start] {
            let first = self[start]
            var position = start
            while true {
                placed[position] = true
                let source = order[position]
                if source == start {
                    self[position] = first
                    break
                }
                self[position] = self[source]
                position = source
            }
        }
    }
}
