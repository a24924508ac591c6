import PandaStore

/// What one send covers: a single delivery (a webhook POST or an e-mail), or all the due digest lines of
/// one account, which go out as one mail.
enum DeliveryBatch: Equatable {
    case single(StoredDelivery)
    case digest(account: String, [StoredDelivery])

    /// Groups due deliveries: digest lines per account (in the order of their first line), the others
    /// one by one, in the order given.
    static func group(_ deliveries: [StoredDelivery]) -> [DeliveryBatch] {
        var batches: [DeliveryBatch] = []
        var digestIndex: [String: Int] = [:]
        for delivery in deliveries {
            guard delivery.channel == .digest else {
                batches.append(.single(delivery))
                continue
            }
            if let index = digestIndex[delivery.account], case .digest(let account, let lines) = batches[index] {
                batches[index] = .digest(account: account, lines + [delivery])
            } else {
                digestIndex[delivery.account] = batches.count
                batches.append(.digest(account: delivery.account, [delivery]))
            }
        }
        return batches
    }
}

extension DeliveryBatch {
    var account: String {
        switch self {
        case .single(let delivery): delivery.account
        case .digest(let account, _): account
        }
    }

    var deliveries: [StoredDelivery] {
        switch self {
        case .single(let delivery): [delivery]
        case .digest(_, let lines): lines
        }
    }
}
