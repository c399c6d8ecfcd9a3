package sandbox

import (
	"encoding/json"
	"net/http"
	"strconv"

	"github.com/aello-copilot/aello-import/aello"
)

// Error messages of the API document, and the emulator's own codes.
const (
	msgMissingKey       = "Unauthorized. HTTP request does not contain API key"
	msgInvalidKey       = "Unauthorized. Invalid API key"
	msgDealershipGone   = "Dealership not found"
	msgInternalError    = "Internal Server Error"
	codeRateLimited     = "ERR-SANDBOX-RATE_LIMITED"
	codeMethod          = "ERR-SANDBOX-METHOD_NOT_ALLOWED"
	codeStoreFailed     = "ERR-SANDBOX-STORE_FAILED"
	retryAfterRateLimit = "1"
)

// reply is the response of POST /leads, sent once its latency has passed.
type reply struct {
	status  int
	message string // the "error" of the body; "" for an empty body
	code    string
	header  http.Header
}

// serveLeads runs POST /leads: authentication, rate limit, injected
// failure, validation, storage, then latency and the response or a dropped
// connection.
func (s *Server) serveLeads(w http.ResponseWriter, r *http.Request) outcome {
	out, rep := s.handleLead(w, r)

	s.sleep(r.Context(), s.faults.delay())
	if !out.dropped {
		out.status = rep.status
		out.code = rep.code
	}
	s.count(out)

	if out.dropped {
		// Hijacking fails on HTTP/2 and on test recorders; panicking with
		// ErrAbortHandler makes net/http reset the stream or close the
		// connection without a response instead.
		conn, _, err := http.NewResponseController(w).Hijack()
		if err != nil {
			out.abort = true
			return out
		}
		_ = conn.Close()
		return out
	}

	for name, values := range rep.header {
		w.Header()[name] = values
	}
	if rep.message == "" {
		w.WriteHeader(rep.status)
	} else {
		writeError(w, rep.status, rep.message, rep.code)
	}
	return out
}

// handleLead decides the response to POST /leads and stores the lead when
// it is accepted. The outcome's dropped flag means that the connection
// must be closed instead of responding.
func (s *Server) handleLead(w http.ResponseWriter, r *http.Request) (outcome, reply) {
	var out outcome
	if r.Method != http.MethodPost {
		return out, reply{status: http.StatusMethodNotAllowed, message: "Method not allowed: use POST", code: codeMethod,
			header: http.Header{"Allow": {http.MethodPost}}}
	}

	key := r.Header.Get(aello.APIKeyHeader)
	dealership, known := s.keys[key]
	switch {
	case key == "":
		return out, reply{status: http.StatusUnauthorized, message: msgMissingKey}
	case s.orphanKeys[key]:
		return out, reply{status: http.StatusUnprocessableEntity, message: msgDealershipGone, code: aello.CodeDealershipNotFound}
	case !known:
		return out, reply{status: http.StatusUnauthorized, message: msgInvalidKey}
	}
	out.dealership = dealership

	if !s.faults.allow(s.now()) {
		return out, reply{status: http.StatusTooManyRequests, message: "Too many requests: wait for the time in Retry-After", code: codeRateLimited,
			header: http.Header{"Retry-After": {retryAfterRateLimit}}}
	}
	if s.faults.fail() {
		return out, reply{status: http.StatusInternalServerError, message: msgInternalError}
	}

	lead, rejected := readLead(w, r)
	if rejected != nil {
		return out, *rejected
	}

	leadID, merged, err := s.storeLead(dealership, lead)
	if err != nil {
		s.logger.Error("storing a lead failed", "dealership", dealership, "error", err)
		return out, reply{status: http.StatusInternalServerError, message: "Internal Server Error: the sandbox could not write its store file", code: codeStoreFailed}
	}
	out.leadID = leadID
	out.merged = merged

	if s.faults.drop() {
		out.dropped = true
		return out, reply{}
	}
	return out, reply{status: http.StatusAccepted, header: http.Header{
		"Sandbox-Lead-Id": {leadID},
		"Sandbox-Merged":  {strconv.FormatBool(merged)},
	}}
}

// storeLead adds lead to the store under the server's lock.
func (s *Server) storeLead(dealership string, lead *aello.Lead) (leadID string, merged bool, err error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.store.add(dealership, lead, s.now())
}

// writeError writes the API's error body {"error": message, "code": code},
// without "code" when code is empty.
func writeError(w http.ResponseWriter, status int, message, code string) {
	writeJSON(w, status, errorBody{Error: message, Code: code})
}

// errorBody is the JSON error shape of the API document.
type errorBody struct {
	Error string `json:"error"`
	Code  string `json:"code,omitempty"`
}

// writeJSON writes body as JSON with status.
func writeJSON(w http.ResponseWriter, status int, body any) {
	data, err := json.Marshal(body)
	if err != nil {
		http.Error(w, "cannot encode the response", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Content-Length", strconv.Itoa(len(data)+1))
	w.WriteHeader(status)
	_, _ = w.Write(append(data, '\n'))
}
