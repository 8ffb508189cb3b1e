class AddFixedChargesBoundaries < ActiveRecord::Migration[8.0]
  def change
    add_column :invoice_subscriptions, :charges_from_datetime, :datetime
    add_index(:invoice_subscriptions, %i[subscription_id charges_from_datetime], unique: true)
  end
end
