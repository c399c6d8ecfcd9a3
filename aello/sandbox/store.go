package sandbox

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"strings"
	"time"

	"github.com/aello-copilot/aello-import/aello"
	"github.com/aello-copilot/aello-import/i18n"
)

// mergeWindow is the maximum age of a lead that a request from the same
// contact about the same product becomes a message on.
const mergeWindow = 30 * 24 * time.Hour

// StoredLead is a lead as the sandbox keeps it, with the requests merged
// into it.
type StoredLead struct {
	ID         string         `json:"id"`
	Dealership string         `json:"dealership"`
	ExternalID string         `json:"externalId,omitempty"`
	Contact    aello.Contact  `json:"contact"`
	Product    *aello.Product `json:"product,omitempty"`
	// Message is the message of the request that created the lead.
	Message string    `json:"message,omitempty"`
	Created time.Time `json:"created"`
	// Messages are the later requests merged into the lead, oldest first.
	Messages []Message `json:"messages"`
}

// Message is a request merged into an existing lead.
type Message struct {
	ExternalID string    `json:"externalId,omitempty"`
	Text       string    `json:"message,omitempty"`
	Created    time.Time `json:"created"`
}

// record is one line of the store file.
type record struct {
	Type       string         `json:"type"` // "lead" or "message"
	ID         string         `json:"id,omitempty"`
	LeadID     string         `json:"leadId,omitempty"`
	Dealership string         `json:"dealership"`
	ExternalID string         `json:"externalId,omitempty"`
	Contact    *aello.Contact `json:"contact,omitempty"`
	Product    *aello.Product `json:"product,omitempty"`
	Message    string         `json:"message,omitempty"`
	Created    time.Time      `json:"created"`
}

// store keeps the leads in memory and appends each change to its file. It
// is not safe for concurrent use: the Server's lock guards it.
type store struct {
	path string
	file *os.File // nil when leads are kept in memory only

	leads []*StoredLead
	byID  map[string]*StoredLead
	// latest maps a merge key to the most recent lead with that key.
	latest       map[string]*StoredLead
	messageCount int
	lastNumber   int // of the last lead ID, "lead-000042" is 42
}

// StoreError is a store file that cannot be opened or read back.
type StoreError struct {
	Path string
	// Line is the 1-based line at fault, or 0 for the whole file.
	Line int
	Err  error
}

// Error renders the message in English.
func (e *StoreError) Error() string {
	return e.Text().String()
}

// Unwrap returns the cause.
func (e *StoreError) Unwrap() error {
	return e.Err
}

// Text returns the message for the user.
func (e *StoreError) Text() i18n.Text {
	if e.Line > 0 {
		return i18n.T("line %d of the sandbox store file %s is not a sandbox record (%v): fix or delete that line, or give another --store file", e.Line, e.Path, e.Err)
	}
	return i18n.T("the sandbox store file %s cannot be used (%v): check the path and its permissions, or give another --store file", e.Path, e.Err)
}

// openStore returns a store that appends to path, after loading the
// records already there. An empty path gives a store in memory only.
func openStore(path string, logger *slog.Logger) (*store, error) {
	st := &store{
		path:   path,
		byID:   map[string]*StoredLead{},
		latest: map[string]*StoredLead{},
	}
	if path == "" {
		return st, nil
	}

	file, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE|os.O_APPEND, 0o600)
	if err != nil {
		return nil, &StoreError{Path: path, Err: err}
	}
	if err := st.load(file, logger); err != nil {
		_ = file.Close()
		return nil, err
	}
	st.file = file
	if len(st.leads) > 0 {
		logger.Info("sandbox store loaded", "path", path, "leads", len(st.leads), "messages", st.messageCount)
	}
	return st, nil
}

// load replays the records of file. A last line without a line break that
// does not parse is a write cut short by the end of a process: it is
// truncated away so that the next record starts on a line of its own.
func (st *store) load(file *os.File, logger *slog.Logger) error {
	reader := bufio.NewReader(file)
	var offset int64
	for lineNumber := 1; ; lineNumber++ {
		line, readErr := reader.ReadBytes('\n')
		if readErr != nil && !errors.Is(readErr, io.EOF) {
			return &StoreError{Path: st.path, Err: readErr}
		}
		complete := bytes.HasSuffix(line, []byte("\n"))

		if len(bytes.TrimSpace(line)) > 0 {
			err := st.apply(line)
			switch {
			case err != nil && !complete:
				logger.Warn("sandbox store ends with an incomplete line, which is removed", "path", st.path, "line", lineNumber)
				if err := file.Truncate(offset); err != nil {
					return &StoreError{Path: st.path, Err: err}
				}
			case err != nil:
				return &StoreError{Path: st.path, Line: lineNumber, Err: err}
			case !complete:
				if _, err := file.Write([]byte("\n")); err != nil {
					return &StoreError{Path: st.path, Err: err}
				}
			}
		}

		offset += int64(len(line))
		if readErr != nil {
			return nil
		}
	}
}

// apply adds one stored record to the store, without writing it.
func (st *store) apply(line []byte) error {
	var rec record
	if err := json.Unmarshal(line, &rec); err != nil {
		return err
	}

	switch rec.Type {
	case "lead":
		if rec.ID == "" || rec.Contact == nil {
			return errors.New("a lead record needs an id and a contact")
		}
		if _, dup := st.byID[rec.ID]; dup {
			return fmt.Errorf("lead %s is stored twice", rec.ID)
		}
		var number int
		if _, err := fmt.Sscanf(rec.ID, "lead-%d", &number); err == nil && number > st.lastNumber {
			st.lastNumber = number
		}
		st.insert(&StoredLead{
			ID:         rec.ID,
			Dealership: rec.Dealership,
			ExternalID: rec.ExternalID,
			Contact:    *rec.Contact,
			Product:    rec.Product,
			Message:    rec.Message,
			Created:    rec.Created,
		})
	case "message":
		lead, ok := st.byID[rec.LeadID]
		if !ok {
			return fmt.Errorf("message for lead %q, which is not stored before it", rec.LeadID)
		}
		lead.Messages = append(lead.Messages, Message{ExternalID: rec.ExternalID, Text: rec.Message, Created: rec.Created})
		st.messageCount++
	default:
		return fmt.Errorf("unknown record type %q", rec.Type)
	}
	return nil
}

// add stores lead for dealership at now: as a message on a matching lead
// created less than 30 days before now, or else as a new lead. The record
// is written to the file before the store changes, so a failed write
// changes nothing.
func (st *store) add(dealership string, lead *aello.Lead, now time.Time) (leadID string, merged bool, err error) {
	now = now.Round(0).UTC()

	if target := st.match(dealership, lead, now); target != nil {
		rec := record{Type: "message", LeadID: target.ID, Dealership: dealership,
			ExternalID: lead.ExternalID, Message: lead.Message, Created: now}
		if err := st.write(rec); err != nil {
			return "", false, err
		}
		target.Messages = append(target.Messages, Message{ExternalID: lead.ExternalID, Text: lead.Message, Created: now})
		st.messageCount++
		return target.ID, true, nil
	}

	id := fmt.Sprintf("lead-%06d", st.lastNumber+1)
	contact := lead.Contact
	rec := record{Type: "lead", ID: id, Dealership: dealership, ExternalID: lead.ExternalID,
		Contact: &contact, Product: cloneProduct(lead.Product), Message: lead.Message, Created: now}
	if err := st.write(rec); err != nil {
		return "", false, err
	}
	st.lastNumber++
	st.insert(&StoredLead{ID: id, Dealership: dealership, ExternalID: lead.ExternalID,
		Contact: contact, Product: rec.Product, Message: lead.Message, Created: now})
	return id, false, nil
}

// match returns the most recent lead of dealership with the same contact
// and product as lead, created less than mergeWindow before now, or nil.
func (st *store) match(dealership string, lead *aello.Lead, now time.Time) *StoredLead {
	var best *StoredLead
	for _, key := range mergeKeys(dealership, lead.Contact, lead.Product) {
		candidate := st.latest[key]
		if candidate == nil || now.Sub(candidate.Created) >= mergeWindow {
			continue
		}
		if best == nil || candidate.Created.After(best.Created) {
			best = candidate
		}
	}
	return best
}

// insert adds a new lead to the lists and indexes.
func (st *store) insert(lead *StoredLead) {
	st.leads = append(st.leads, lead)
	st.byID[lead.ID] = lead
	for _, key := range mergeKeys(lead.Dealership, lead.Contact, lead.Product) {
		if previous := st.latest[key]; previous == nil || !previous.Created.After(lead.Created) {
			st.latest[key] = lead
		}
	}
}

// mergeKeys returns the keys under which a lead can be found for the
// 30-day merge: one for the email and one for the phone, each combined
// with the dealership and the product reference.
func mergeKeys(dealership string, contact aello.Contact, product *aello.Product) []string {
	reference := ""
	if product != nil {
		reference = product.Reference
	}
	prefix := dealership + "\x00" + reference + "\x00"

	var keys []string
	if contact.Email != "" {
		keys = append(keys, prefix+"email:"+strings.ToLower(contact.Email))
	}
	if contact.PhoneCountryCode != "" && contact.PhoneNumber != "" {
		keys = append(keys, prefix+"phone:"+contact.PhoneCountryCode+":"+contact.PhoneNumber)
	}
	return keys
}

// write appends rec to the file as one line, in a single write call.
func (st *store) write(rec record) error {
	if st.file == nil {
		return nil
	}
	line, err := json.Marshal(rec)
	if err != nil {
		return err
	}
	_, err = st.file.Write(append(line, '\n'))
	return err
}

// leadCount returns the number of stored leads.
func (st *store) leadCount() int {
	return len(st.leads)
}

// snapshot returns a deep copy of the leads, oldest first.
func (st *store) snapshot() []StoredLead {
	leads := make([]StoredLead, len(st.leads))
	for i, lead := range st.leads {
		leads[i] = *lead
		leads[i].Product = cloneProduct(lead.Product)
		leads[i].Messages = append([]Message{}, lead.Messages...)
	}
	return leads
}

// cloneProduct returns a copy of product that shares no pointer with it.
func cloneProduct(product *aello.Product) *aello.Product {
	if product == nil {
		return nil
	}
	clone := *product
	if product.Price != nil {
		price := *product.Price
		clone.Price = &price
	}
	return &clone
}

// close closes the file.
func (st *store) close() error {
	if st.file == nil {
		return nil
	}
	err := st.file.Close()
	st.file = nil
	return err
}
