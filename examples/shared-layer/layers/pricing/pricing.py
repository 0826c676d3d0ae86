"""Price rules shared through the pricing layer."""

VAT = 0.2


def price(net):
    return round(net * (1 + VAT), 2)
