class ChangeOrders < ActiveRecord::Migration[7.1]
  def change
    change_table :orders, bulk: true do |t|
      t.remove :note, :memo
      t.remove :legacy, type: :string
      t.change :amount, :bigint
      t.change_default :status, from: nil, to: "new"
      t.remove_references :customer
    end
  end
end
