package aello

import "github.com/aello-copilot/aello-import/i18n"

func init() {
	i18n.Register(map[string]string{
		// Base URL (url.go).
		"the API base URL is empty: give an https URL such as %s":                                                                                              "l'URL de base de l'API est vide : indiquez une URL https comme %s",
		"invalid API base URL %q: give an absolute https URL such as %s":                                                                                       "URL de base de l'API %q invalide : indiquez une URL https complète comme %s",
		"invalid API base URL %q: the host name is missing":                                                                                                    "URL de base de l'API %q invalide : le nom d'hôte manque",
		"invalid API base URL %q: the port %s is not between 1 and 65535":                                                                                      "URL de base de l'API %q invalide : le port %s n'est pas compris entre 1 et 65535",
		"the API base URL %q contains a user name or password: remove the part before \"@\", because the API key is sent in a header":                          "l'URL de base de l'API %q contient un nom d'utilisateur ou un mot de passe : supprimez la partie avant « @ », car la clé d'API est envoyée dans un en-tête",
		"the API base URL %q has a query (?) or a fragment (#): give the base URL alone, such as %s":                                                           "l'URL de base de l'API %q contient une requête (?) ou un fragment (#) : indiquez l'URL de base seule, comme %s",
		"the API base URL %q uses plain http to a host that is not this machine: use https, because plain http is allowed only to 127.0.0.1, ::1 or localhost": "l'URL de base de l'API %q utilise http non chiffré vers un hôte qui n'est pas cette machine : utilisez https, car http n'est permis que vers 127.0.0.1, ::1 ou localhost",
		"the API base URL %q uses the scheme %q: use https":                                                                                                    "l'URL de base de l'API %q utilise le schéma %q : utilisez https",

		// API key (client.go).
		"the API key is empty: set AELLO_API_KEY or give --api-key-file with the key that the Aéllo admin user provided":                              "la clé d'API est vide : définissez AELLO_API_KEY ou indiquez --api-key-file avec la clé fournie par l'administrateur Aéllo",
		"the API key contains a space, a line break or another character that an API key cannot contain (position %d): copy the key again without it": "la clé d'API contient une espace, un saut de ligne ou un autre caractère qu'une clé d'API ne peut pas contenir (position %d) : copiez de nouveau la clé sans ce caractère",

		// Transport errors (client.go).
		"the lead could not be sent (%v): nothing was stored, so it is safe to send it again":                                             "le lead n'a pas pu être envoyé (%v) : rien n'a été enregistré, vous pouvez donc le renvoyer sans risque",
		"the lead was sent but no response came back (%v): the API may have stored it, so check in Aéllo Copilot before sending it again": "le lead a été envoyé mais aucune réponse n'est revenue (%v) : l'API l'a peut-être enregistré, vérifiez donc dans Aéllo Copilot avant de le renvoyer",

		// Responses (client.go).
		"HTTP %d %s":          "HTTP %d %s",
		"HTTP %d %s: %s":      "HTTP %d %s : %s",
		"HTTP %d %s (%s)":     "HTTP %d %s (%s)",
		"HTTP %d %s: %s (%s)": "HTTP %d %s : %s (%s)",
	})
}
