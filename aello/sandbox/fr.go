package sandbox

import "github.com/aello-copilot/aello-import/i18n"

func init() {
	i18n.Register(map[string]string{
		// Configuration (sandbox.go).
		"the sandbox has no API key: give at least one with --key KEY":                                                              "l'émulateur sandbox n'a aucune clé d'API : indiquez-en au moins une avec --key CLÉ",
		"an API key for the sandbox is empty or contains a space or control character: use letters, digits and punctuation only":    "une clé d'API de l'émulateur sandbox est vide ou contient une espace ou un caractère de contrôle : utilisez uniquement des lettres, des chiffres et de la ponctuation",
		"an API key of the sandbox has an empty dealership name: give each key a dealership name":                                   "une clé d'API de l'émulateur sandbox a un nom de concession vide : donnez un nom de concession à chaque clé",
		"an orphan key for the sandbox is empty or contains a space or control character: use letters, digits and punctuation only": "une clé orpheline de l'émulateur sandbox est vide ou contient une espace ou un caractère de contrôle : utilisez uniquement des lettres, des chiffres et de la ponctuation",
		"a key is given both as --key and as --orphan-key: give it only once":                                                       "une clé est donnée à la fois avec --key et avec --orphan-key : donnez-la une seule fois",
		"--%s is %v: give a probability between 0 and 1, such as 0.05":                                                              "--%s vaut %v : indiquez une probabilité entre 0 et 1, par exemple 0.05",
		"--%s is %v: give a duration of zero or more, such as 50ms":                                                                 "--%s vaut %v : indiquez une durée positive ou nulle, par exemple 50ms",
		"--rate-limit is %d: give a number of requests per second, or 0 for no limit":                                               "--rate-limit vaut %d : indiquez un nombre de requêtes par seconde, ou 0 pour aucune limite",
		"the sandbox cannot listen on %s (%v): choose another --addr, such as 127.0.0.1:0 for any free port":                        "l'émulateur sandbox ne peut pas écouter sur %s (%v) : choisissez une autre --addr, par exemple 127.0.0.1:0 pour un port libre quelconque",

		// Store file (store.go).
		"line %d of the sandbox store file %s is not a sandbox record (%v): fix or delete that line, or give another --store file": "la ligne %d du fichier de stockage de l'émulateur sandbox %s n'est pas un enregistrement de l'émulateur sandbox (%v) : corrigez ou supprimez cette ligne, ou indiquez un autre fichier --store",
		"the sandbox store file %s cannot be used (%v): check the path and its permissions, or give another --store file":          "le fichier de stockage de l'émulateur sandbox %s est inutilisable (%v) : vérifiez le chemin et ses droits, ou indiquez un autre fichier --store",

		// Flag help texts (flags.go).
		usageKey:       "clé d'API valide d'une concession de l'émulateur sandbox. Répétez l'option pour d'autres concessions, nommées dealership-1, dealership-2, etc.",
		usageOrphanKey: "clé d'API dont la concession n'existe plus, pour que les requêtes avec cette clé reçoivent 422 ERR-CREATE_LEAD-DEALERSHIP_NOT_FOUND. L'option peut être répétée",
		usageAddr:      "adresse d'écoute, sous la forme hôte:port. Le port 0 choisit un port libre",
		usageStore:     "fichier JSON Lines qui reçoit chaque nouveau lead et chaque message fusionné, rechargé au démarrage suivant. Sans lui, les leads restent en mémoire",
		usageLatency:   "temps d'attente avant chaque réponse à POST /leads, par exemple 50ms",
		usageJitter:    "écart aléatoire autour de --latency, en plus ou en moins, par exemple 20ms",
		usageFailRate:  "probabilité de 0 à 1 de répondre 500 sans enregistrer le lead",
		usageDropRate:  "probabilité de 0 à 1 d'enregistrer le lead puis de fermer la connexion sans répondre",
		usageRateLimit: "nombre de requêtes permises par seconde, au-delà duquel la réponse est 429 avec Retry-After: 1. 0 signifie aucune limite",
		usageSeed:      "graine de la latence, des échecs et des coupures aléatoires, pour pouvoir rejouer une exécution",
	})
}
