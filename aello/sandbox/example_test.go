package sandbox_test

import (
	"context"
	"fmt"
	"time"

	"github.com/aello-copilot/aello-import/aello"
	"github.com/aello-copilot/aello-import/aello/sandbox"
)

// A sandbox started in-process, with one client request and the lead it
// stored.
func Example() {
	server, err := sandbox.New(sandbox.Config{Keys: map[string]string{"demo-key": "Garage Demo"}})
	if err != nil {
		fmt.Println(err)
		return
	}
	defer server.Close()
	baseURL, err := server.Start("127.0.0.1:0")
	if err != nil {
		fmt.Println(err)
		return
	}

	client, err := aello.NewClient(baseURL, "demo-key", 5*time.Second)
	if err != nil {
		fmt.Println(err)
		return
	}
	body := []byte(`{"contact":{"firstName":"Léa","email":"lea@example.lu"},"message":"Hello"}`)
	resp, err := client.CreateLead(context.Background(), body)
	if err != nil {
		fmt.Println(err)
		return
	}

	fmt.Println(resp)
	for _, lead := range server.Leads() {
		fmt.Println(lead.ID, lead.Dealership, lead.Contact.Email, lead.Message)
	}
	// Output:
	// HTTP 202 Accepted
	// lead-000001 Garage Demo lea@example.lu Hello
}
