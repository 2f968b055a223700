import Mustache

/// One choice of a select, radio group or filter as templates show it.
struct FormOption: MustacheParent {
    let value: String
    let label: String
    var selected = false

    // Templates read fields by name; answering directly avoids a reflection scan per lookup.
    func child(named key: String) -> Any? {
        switch key {
        case "value": value
        case "label": label
        case "selected": selected
        default: nil
        }
    }
}
