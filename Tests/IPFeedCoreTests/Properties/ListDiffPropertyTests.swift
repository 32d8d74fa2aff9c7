import IPFeedCore
import PropertyBased
import Testing

@Suite struct ListDiffPropertyTests {
  private let twoLists = zip(CoreGenerators.overlappingList, CoreGenerators.overlappingList)

  @Test func applyingTheDiffToTheOldListGivesTheNewOne() async {
    await propertyCheck(count: 500, input: twoLists) { old, new in
      let diff = ListDiff(from: old, to: new)
      #expect(applying(diff, to: old) == new.addresses)
    }
  }

  @Test func theDiffIsExactlyTheSetDifference() async {
    await propertyCheck(count: 500, input: twoLists) { old, new in
      let diff = ListDiff(from: old, to: new)
      let oldSet = Set(old.addresses)
      let newSet = Set(new.addresses)
      #expect(Set(diff.added.map(\.address)) == newSet.subtracting(oldSet))
      #expect(Set(diff.removed.map(\.address)) == oldSet.subtracting(newSet))
      #expect(diff.added.map(\.address) == diff.added.map(\.address).sorted())
      #expect(diff.removed.map(\.address) == diff.removed.map(\.address).sorted())
      #expect(diff.isEmpty == (oldSet == newSet))
    }
  }

  @Test func theDiffBackUndoesTheDiff() async {
    await propertyCheck(count: 500, input: twoLists) { old, new in
      let forward = ListDiff(from: old, to: new)
      let backward = ListDiff(from: new, to: old)
      #expect(forward.added == backward.removed)
      #expect(forward.removed == backward.added)
      #expect(applying(backward, to: new) == old.addresses)
    }
  }

  /// The old list's addresses without the removed ones, with the added ones, sorted: what a
  /// reader of the state journal's changes rebuilds.
  private func applying(_ diff: ListDiff, to list: AddressList) -> [IPAddress] {
    let removed = Set(diff.removed.map(\.address))
    return (list.addresses.filter { !removed.contains($0) } + diff.added.map(\.address)).sorted()
  }
}
