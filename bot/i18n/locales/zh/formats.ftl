## 期限与金额
deadline-days = { $state ->
    [today] 今天到期
    [overdue] 已超期{ $days }个工作日
   *[left] 剩余{ $days }个工作日
}
amount = { $scale ->
    [large] { $number }亿{ $currency }
    [medium] { $number }万{ $currency }
   *[plain] { $number }{ $currency }
}
currency-eur = 欧元
