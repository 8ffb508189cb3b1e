class RemoveLegacyPriceFromProducts < ActiveRecord::Migration[7.1]
  def change
    remove_column :products, :legacy_price, :decimal, precision: 10, scale: 2
  end
end
