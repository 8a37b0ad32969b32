"""Fixed lists of made-up names for the synthetic course.

The first and last names come from many languages and are paired at random, so every
full name is a made-up combination. Apostrophe surnames are kept apart so that exactly
one student gets one. A few names carry accents, so the files exercise UTF-8.
"""

from __future__ import annotations

FIRST_NAMES: tuple[str, ...] = (
    "Aaliyah", "Abebe", "Aditi", "Ahmed", "Aiko", "Alejandro", "Amara", "Anika", "Arjun",
    "Astrid", "Ayesha", "Bao", "Beatriz", "Bilal", "Bongani", "Camila", "Chidi", "Chen",
    "Dalia", "Daniel", "Darius", "Deepa", "Diego", "Dmitri", "Ebony", "Elif", "Emeka",
    "Emma", "Esperanza", "Farah", "Fatima", "Felipe", "Freya", "Gabriel", "Grace", "Hamid",
    "Hana", "Haruto", "Hiroshi", "Ibrahim", "Ifeoma", "Ingrid", "Isabel", "Ivan", "Jamal",
    "Jia", "Jorge", "José", "Juno", "Kai", "Kalani", "Karan", "Kenji", "Kofi", "Lars",
    "Layla", "Leila", "Liam", "Lucía", "Malik", "Mariam", "Mateo", "Mei", "Mihai",
    "Min-jun", "Nadia", "Naveen", "Nia", "Noah", "Nour", "Oluwaseun", "Omar", "Pablo",
    "Priya", "Quinn", "Rafael", "Rahul", "Rania", "Ravi", "Rosa", "Sakura", "Samir",
    "Santiago", "Sofia", "Sun-hee", "Tariq", "Thandiwe", "Tomás", "Uma", "Valentina",
    "Wei", "Xavier", "Yara", "Yusuf", "Zainab", "Zoë", "Zhi", "Aroha", "Björn", "Leilani",
)  # fmt: skip

LAST_NAMES: tuple[str, ...] = (
    "Abara", "Adeyemi", "Agarwal", "Alvarez", "Andersen", "Bakshi", "Banerjee", "Becker",
    "Bergström", "Bianchi", "Castillo", "Chatterjee", "Cheng", "Costa", "Dang", "Delgado",
    "Demir", "Dubois", "Eze", "Fernandes", "Fischer", "Fujita", "Gallagher", "García",
    "Gupta", "Haddad", "Hansen", "Hernández-Ruiz", "Hoang", "Horvath", "Ibarra", "Iyer",
    "Jansen", "Jimenez", "Kang", "Kariuki", "Kaur", "Kim", "Kowalski", "Kumar", "Larsen",
    "Lindqvist", "Lopez", "Mahmoud", "Mendoza", "Mensah", "Moreau", "Müller", "Murphy",
    "Nakamura", "Nguyen", "Novak", "Nwosu", "Okafor", "Olsen", "Ortega", "Osei", "Park",
    "Patel", "Petrov", "Pham", "Popescu", "Quispe", "Rahman", "Ramos", "Reddy", "Rossi",
    "Saito", "Salazar", "Santos", "Schmidt", "Sharma", "Silva", "Sokolov", "Suzuki",
    "Tanaka", "Tran", "Uddin", "Varga", "Vasquez", "Wang", "Weber", "Wójcik", "Yamamoto",
    "Yilmaz", "Zhang", "Zhou", "Zielinski", "Achterberg", "Baptiste", "Cruz", "Dlamini",
    "Eriksen", "Fonseca", "Ghosh", "Halvorsen", "Kiplagat", "Moana", "Sato", "Takahashi",
)  # fmt: skip

#: Surnames with an apostrophe; exactly one student gets one of these.
APOSTROPHE_LAST_NAMES: tuple[str, ...] = ("O'Neil", "D'Angelo", "O'Connor")
