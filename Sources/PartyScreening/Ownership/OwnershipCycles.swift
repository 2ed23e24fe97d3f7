/// Cycles in a directed graph of `count` nodes numbered 0..<count, without recursion (an ownership chain may be
/// 100,000 entities long; a recursive walk would overflow the stack).
enum OwnershipCycles {
    /// The strongly connected components with more than one node (a node cannot own itself; `OwnershipEdge` refuses
    /// that), each sorted, in order of their smallest node. Tarjan's algorithm with an explicit stack: O(nodes +
    /// edges) (R. Tarjan, "Depth-first search and linear graph algorithms", SIAM J. Comput. 1(2), 1972).
    static func components(count: Int, successors: [[Int]]) -> [[Int]] {
        var index = [Int](repeating: -1, count: count)
        var lowLink = [Int](repeating: 0, count: count)
        var onStack = [Bool](repeating: false, count: count)
        var stack: [Int] = []
        var next = 0
        var found: [[Int]] = []
        // Each frame: the node and how many of its successors have been looked at.
        var frames: [(node: Int, edge: Int)] = []
        for root in 0..<count where index[root] < 0 {
            frames.append((root, 0))
            index[root] = next
            lowLink[root] = next
            next += 1
            stack.append(root)
            onStack[root] = true
            while let frame = frames.last {
                let node = frame.node
                if frame.edge < successors[node].count {
                    frames[frames.count - 1].edge += 1
                    let successor = successors[node][frame.edge]
                    if index[successor] < 0 {
                        index[successor] = next
                        lowLink[successor] = next
                        next += 1
                        stack.append(successor)
                        onStack[successor] = true
                        frames.append((successor, 0))
                    } else if onStack[successor] {
                        lowLink[node] = min(lowLink[node], index[successor])
                    }
                    continue
                }
                frames.removeLast()
                if let parent = frames.last?.node { lowLink[parent] = min(lowLink[parent], lowLink[node]) }
                guard lowLink[node] == index[node] else { continue }
                var component: [Int] = []
                while let member = stack.popLast() {
                    onStack[member] = false
                    component.append(member)
                    if member == node { break }
                }
                if component.count > 1 { found.append(component.sorted()) }
            }
        }
        return found.sorted { $0[0] < $1[0] }
    }

    /// One cycle through `start` inside `component` (breadth-first, so the shortest), as the nodes from `start` back
    /// to it; successors are tried in the order given.
    static func cycle(through start: Int, in component: Set<Int>, successors: [[Int]]) -> [Int] {
        var cameFrom: [Int: Int] = [:]
        var queue = [start]
        var head = 0
        while head < queue.count {
            let node = queue[head]
            head += 1
            for successor in successors[node] where component.contains(successor) {
                if successor == start {
                    var path = [node]
                    while let previous = cameFrom[path[path.count - 1]] { path.append(previous) }
                    return [start] + path.reversed().drop { $0 == start } + [start]
                }
                if cameFrom[successor] == nil, successor != start {
                    cameFrom[successor] = node
                    queue.append(successor)
                }
            }
        }
        return [start]
    }
}
