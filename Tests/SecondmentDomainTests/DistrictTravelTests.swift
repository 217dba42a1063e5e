import Foundation
import SecondmentDomain
import Testing

/// Travel and avoidance by index (the checker's and the greedy's tables)
/// are the same rule as by id.
@Suite("District travel by index")
struct DistrictTravelTests {
  @Test("travel minutes and avoidance by index equal those by id, for every person, town and zone")
  func indexEqualsID() throws {
    let spec = RandomDistrictSpec(towns: 12, people: 60, departments: 4, seed: 5)
    let instance = try DistrictGenerator.random(spec)
    let district = District(instance)
    #expect(!district.zones.isEmpty)
    for (p, person) in district.people.enumerated() {
      for (t, town) in district.towns.enumerated() {
        #expect(
          district.travelMinutes(person: p, stationedAt: t)
            == district.travelMinutes(of: person, .stationed(town: town.id)))
        #expect(district.avoids(person: p, town: t) == district.avoids(person, town: town.id))
      }
      for (z, zone) in district.zones.enumerated() {
        #expect(
          district.travelMinutes(person: p, zonedIn: z)
            == district.travelMinutes(of: person, .zoned(zone: zone.id)))
        #expect(district.zoneTours[z] == zone.towns.dropFirst().reduce(0) { $0 + district.minutes(zone.hub, $1) })
      }
    }
  }
}
