// Package sandbox is a local emulator of the Aéllo Copilot API, used by the
// demo command, the end-to-end tests and the benchmarks. It never contacts
// the real API.
//
// # API
//
// POST /leads behaves as the vendor's API document describes:
//
//   - 401 {"error":"Unauthorized. HTTP request does not contain API key"}
//     when the Aello-Api-Key header is missing, and
//     {"error":"Unauthorized. Invalid API key"} when the key is unknown.
//   - 422 {"error":"Dealership not found","code":"ERR-CREATE_LEAD-DEALERSHIP_NOT_FOUND"}
//     for an orphan key: a valid key whose dealership is gone.
//   - 400 {"error":"Invalid email","code":"ERR-EMAIL-INVALID_OR_MALFORMED_EMAIL"}
//     for a malformed contact.email.
//   - 400 for any other invalid request, 413 for a body over MaxBodyBytes.
//   - 202 with an empty body when the lead is accepted. The headers
//     Sandbox-Lead-Id and Sandbox-Merged tell which lead received the
//     request and whether it became a message on an existing lead.
//
// The API document shows only the two codes above. Every other code is
// the emulator's own and starts with "ERR-SANDBOX-", such as
// ERR-SANDBOX-MALFORMED_JSON or ERR-SANDBOX-FIRST_NAME_REQUIRED. The real
// API may respond to the same requests with other codes.
//
// Besides the rules of the API document, the emulator rejects a body that
// is not UTF-8, a phone country code of other than 1 to 3 digits, a phone
// number of other than 4 to 14 digits, and a product link or image that is
// not an absolute http or https URL. The real API may accept some of these.
//
// Unknown JSON fields are accepted and ignored, as lenient production APIs
// do, so that the emulator does not reject a request that the real API
// might take. JSON keys match the field names case-insensitively, as
// encoding/json does.
//
// # Storage and the 30-day merge
//
// Leads are kept per dealership. A request becomes a message on an
// existing lead of its dealership, instead of a new lead, when that lead
// was created less than 30 days before and has the same contact and the
// same product, as the API document describes. The same contact means the
// same email, compared case-insensitively, or the same phone country code
// and number. The same product means the same reference, or no product on
// both.
//
// With Config.StorePath, each new lead and each merged message is appended
// to the file as one JSON line, written with a single write call, so the
// file survives the end of the process (but not a power cut, since it is
// not synced). The lines look like
//
//	{"type":"lead","id":"lead-000001","dealership":"dealership-1","contact":{...},"created":"..."}
//	{"type":"message","leadId":"lead-000001","dealership":"dealership-1","message":"...","created":"..."}
//
// A new Server loads the leads and messages already in the file. API keys
// are never written to the file or to the log, which name the dealership
// instead.
//
// # Sandbox-only endpoints
//
// GET /_sandbox/leads returns every lead of every dealership with its
// messages, and GET /_sandbox/stats returns the request counts (see
// Stats). They exist only in the emulator and need no API key.
//
// # Fault injection
//
// For each POST /leads, the server checks in this order: the API key, the
// rate limit (429 with "Retry-After: 1" above Config.RateLimit requests in
// the current second), the injected failures (500 with probability
// Config.FailRate), the request itself, then stores the lead. Finally it
// waits Config.Latency plus or minus up to Config.Jitter before responding,
// and with probability Config.DropRate it closes the connection instead of
// responding, after the lead was stored. Rejected and failed requests store
// nothing. The random draws come from Config.Seed, so a run of sequential
// requests is reproducible.
package sandbox
