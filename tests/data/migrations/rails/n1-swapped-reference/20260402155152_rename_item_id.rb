class RenameItemId < ActiveRecord::Migration[7.1]
  def change
    # hitobito (round P): the reference renamed away and drawn again under its name: a
    # swap, whose new type the recorder does not say (belongs_to: bigint, as before)
    change_table :processed_subjects do |t|
      t.rename :item_id, :template_item_id
      t.belongs_to :item, null: true
    end
  end
end
