/// Every operation of the admin API (`/api/v1`): the router and the OpenAPI document are both built from
/// this one list, so the document cannot describe a route that does not exist or miss one that does.
public enum APIRoutes {
    public static let operations: [APIOperation] =
        [OpenAPIDocument.operation] + AccountOperations.all + InstitutionWriteOperations.all + KeyOperations.all
        + RosterOperations.all + CalendarOperations.all + CycleOperations.all + FileOperations.all
        + RecordOperations.all + LogOperations.all + BanOperations.all

    static let router = Router(operations.map { (method: $0.method, template: $0.path, route: $0) })
}
