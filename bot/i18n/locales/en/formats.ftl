## Deadlines and amounts
deadline-days = { $state ->
    [today] due today
    [overdue] { $days ->
        [one] { $days } working day overdue
       *[other] { $days } working days overdue
    }
   *[left] { $days ->
        [one] { $days } working day left
       *[other] { $days } working days left
    }
}
amount = { $scale ->
    [large] { $currency } { $number } billion
    [medium] { $currency } { $number } million
   *[plain] { $currency } { $number }
}
currency-eur = EUR
